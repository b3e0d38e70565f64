// Looks a pair's keys up in the feeds. Only ever yields hits: a miss says nothing (GUIDE §6).
import ipaddr from 'ipaddr.js';
import { isIpAddress, normalizeName, registeredDomain } from '../pairs/names.js';
import type { IntelEntry } from '../contract/intel-values.js';

export interface IntelHit {
  feed: string;
  entry: IntelEntry;
  matchedOn: string; // the key of the pair that hit (address, name, JA3)
  fetchedAt: number; // epoch ms, so the reason can say how old the feed is
}

export interface LoadedFeed {
  name: string;
  fetchedAt: number;
  entries: IntelEntry[];
}

type Listed = { feed: LoadedFeed; entry: IntelEntry };

/** The address's first `len` bits as a key ("v4/24/10.1.2"): a CIDR and every address in it share it. */
function prefixKey(addr: ipaddr.IPv4 | ipaddr.IPv6, len: number): string {
  const bytes = addr.toByteArray();
  const whole = len >> 3;
  const rest = len & 7;
  const kept = bytes.slice(0, whole);
  if (rest) kept.push(bytes[whole]! & (0xff << (8 - rest)) & 0xff);
  return `${addr.kind()}/${len}/${kept.join('.')}`;
}

export class IntelIndex {
  private readonly exact = new Map<string, { feed: LoadedFeed; entry: IntelEntry }[]>();
  /**
   * CIDRs by their prefix key, and the prefix lengths in use per family: an address is looked up
   * once per length (a handful), not against every range (thousands in a large list)
   */
  private readonly cidrs = new Map<string, Listed[]>();
  private readonly lengths = { ipv4: new Set<number>(), ipv6: new Set<number>() };

  constructor(feeds: LoadedFeed[]) {
    for (const feed of feeds) {
      for (const entry of feed.entries) {
        if (entry.kind === 'cidr') {
          const [net, len] = ipaddr.parseCIDR(entry.value);
          const key = prefixKey(net, len);
          this.cidrs.set(key, [...(this.cidrs.get(key) ?? []), { feed, entry }]);
          this.lengths[net.kind()].add(len);
        } else {
          const key = `${entry.kind}:${entry.value}`;
          const list = this.exact.get(key) ?? [];
          list.push({ feed, entry });
          this.exact.set(key, list);
        }
      }
    }
  }

  private hits(key: string, matchedOn: string): IntelHit[] {
    return (this.exact.get(key) ?? []).map(({ feed, entry }) => ({ feed: feed.name, entry, matchedOn, fetchedAt: feed.fetchedAt }));
  }

  address(ip: string): IntelHit[] {
    if (!isIpAddress(ip)) return [];
    const addr = ipaddr.process(ip);
    const out = this.hits(`ip:${addr.toNormalizedString()}`, ip);
    for (const len of this.lengths[addr.kind()]) {
      for (const c of this.cidrs.get(prefixKey(addr, len)) ?? [])
        out.push({ feed: c.feed.name, entry: c.entry, matchedOn: ip, fetchedAt: c.feed.fetchedAt });
    }
    return out;
  }

  /** Exact name, then its registered domain: a feed listing evil.example covers a.evil.example. */
  name(raw: string): IntelHit[] {
    const name = normalizeName(raw);
    const out = this.hits(`domain:${name}`, name);
    const reg = registeredDomain(name);
    if (reg && reg !== name) out.push(...this.hits(`domain:${reg}`, name));
    return out;
  }

  ja3(hash: string): IntelHit[] {
    return this.hits(`ja3:${hash.toLowerCase()}`, hash);
  }
}
