// Looks a pair's keys up in the feeds. Only ever yields hits: a miss says nothing (GUIDE §6).
import ipaddr from 'ipaddr.js';
import { normalizeName, registeredDomain } from '../pairs/names.js';
import type { IntelEntry } from './parse.js';

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

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class IntelIndex {
  private readonly exact = new Map<string, { feed: LoadedFeed; entry: IntelEntry }[]>();
  private readonly cidrs: { range: Cidr; feed: LoadedFeed; entry: IntelEntry }[] = [];

  constructor(feeds: LoadedFeed[]) {
    for (const feed of feeds) {
      for (const entry of feed.entries) {
        if (entry.kind === 'cidr') this.cidrs.push({ range: ipaddr.parseCIDR(entry.value), feed, entry });
        else {
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
    if (!ipaddr.isValid(ip)) return [];
    const addr = ipaddr.process(ip);
    const out = this.hits(`ip:${addr.toNormalizedString()}`, ip);
    for (const c of this.cidrs) {
      if (c.range[0].kind() === addr.kind() && addr.match(c.range)) {
        out.push({ feed: c.feed.name, entry: c.entry, matchedOn: ip, fetchedAt: c.feed.fetchedAt });
      }
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
