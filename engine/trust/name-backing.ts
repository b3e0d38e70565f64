// Which names a pair can be trusted to carry. A client chooses its TLS SNI, HTTP Host and DNS
// query name (malware can send `server_name=time.apple.com` to its own server), so those are
// CLAIMS. What a device was TOLD is evidence: a DNS answer received in the home mapped a name to
// an address. A name is BACKED for a pair when such an answer gave the name the address the
// pair's traffic went to, seen before that traffic (within the answer's TTL or from an earlier
// answer). Pure: the rows come through NameEvidence (db/name-evidence-store.ts implements it).
import { getDomain } from 'tldts';
import type { LogSource, PairVariant } from '../contract/types.js';

export interface DnsAnswer {
  name: string;
  address: string;
  firstSeen: number;
  lastSeen: number;
  /** longest TTL seen, seconds */
  ttl: number | null;
}

export interface NameClaim {
  src: string;
  address: string;
  name: string;
  how: 'sni' | 'host';
  firstSeen: number;
  lastSeen: number;
}

export interface ResolverSeen {
  src: string;
  /** the address that answered this device's DNS */
  server: string;
  firstSeen: number;
  lastSeen: number;
  responses: number;
}

/** What the logs say about names and local services (the store, or an in-memory fake in tests). */
export interface NameEvidence {
  answersForAddress(address: string): readonly DnsAnswer[];
  answersForName(name: string): readonly DnsAnswer[];
  /** some DNS answer was for this name or a name below it */
  answeredUnder(domain: string): boolean;
  claimsForName(src: string, name: string): readonly NameClaim[];
  claimsForAddress(src: string, address: string): readonly NameClaim[];
  resolversOf(src: string): readonly ResolverSeen[];
  dhcpServers(): readonly string[];
  /** optional: every address with a DNS answer (lets a listing skip asking about the others) */
  answeredAddresses?(): ReadonlySet<string>;
  /** optional: every (src, address) with a claim, as `src + "\0" + address` */
  claimedAddresses?(): ReadonlySet<string>;
  /** optional: every (src, address)'s claims (as claimsForAddress gives them) under that key */
  claimsByKey?(): ReadonlyMap<string, readonly NameClaim[]>;
}

/** The part of a pair (PairRow, Finding via backingPairOf) backing needs. */
export interface BackingPair {
  source: LogSource;
  variant: PairVariant | null;
  src: string;
  dst: string;
  port: number | null;
  proto: string | null;
  service: string | null;
  firstSeen: number;
  lastSeen: number;
}

export interface BackedName {
  name: string;
  /** the address the answer gave (null for a dns pair: the device's own resolved lookup) */
  address: string | null;
  /** 'ttl': traffic fell within an answer's lifetime; 'earlier': an answer was seen before it */
  how: 'ttl' | 'earlier' | 'lookup';
}

export interface ClaimOnly {
  name: string;
  address: string;
  how: 'sni' | 'host';
  /** a DNS answer gave this name this address, but only after the traffic */
  resolvedLater: boolean;
}

export interface NameBacking {
  /** names backed for the pair's addresses (unique by name and address) */
  backed: BackedName[];
  /** SNI/Host sent to an address no DNS answer gave for that name */
  claimsOnly: ClaimOnly[];
  /**
   * For a pair whose dst is a name (ssl/http/dns): is that very name backed? ssl/http: a DNS
   * answer gave it every address it was sent to; dns: the lookups resolved. Null when dst is an
   * address (then only `backed` names count).
   */
  dstBacked: boolean | null;
  /**
   * ssl/http with a name: each address the SNI/Host was sent to, with the names DNS answers gave
   * it (a rule on a name covers the pair when, for every address, one of them matches the rule).
   * Null for other pairs.
   */
  addresses: { address: string; names: string[] }[] | null;
  /** one sentence per claim-only name, e.g. "SNI beacon.nest.com was never resolved to 203.0.113.9" */
  suspicions: string[];
}

/** Log times of one check-in differ by clock and ordering: a DNS row a moment after its conn. */
const SLACK_S = 2;

/** A listed pair (its times under `stats`) as the BackingPair backing reads. */
export function backingPairOf(f: Omit<BackingPair, 'firstSeen' | 'lastSeen'> & { stats: Pick<BackingPair, 'firstSeen' | 'lastSeen'> }): BackingPair {
  return { ...f, firstSeen: f.stats.firstSeen, lastSeen: f.stats.lastSeen };
}

/** Which names are backed for the pair and which are claims only. */
export function nameBacking(pair: BackingPair, ev: NameEvidence): NameBacking {
  const out: NameBacking = { backed: [], claimsOnly: [], dstBacked: null, addresses: null, suspicions: [] };
  if (isAddress(pair.dst)) {
    // conn (or ssl/http without a name): the names DNS answers gave this address...
    const seen = new Set<string>();
    for (const a of ev.answersForAddress(pair.dst)) {
      const how = answerBacks(a, pair.firstSeen, pair.lastSeen);
      if (how && !seen.has(a.name)) {
        seen.add(a.name);
        out.backed.push({ name: a.name, address: a.address, how });
      }
    }
    // ...and the names this device claimed for it that no answer gave: a suspicion
    for (const c of ev.claimsForAddress(pair.src, pair.dst)) {
      if (sameDomainAnswered(c.name, [...seen])) continue;
      const later = ev.answersForName(c.name).some((a) => a.address === c.address);
      addClaimOnly(out, c, later);
    }
    return out;
  }
  if (pair.source === 'dns') {
    // the device's own lookups: vouched for only when they resolved
    out.dstBacked = pair.variant === 'resolved' || (pair.variant === 'domain' && ev.answeredUnder(pair.dst));
    if (out.dstBacked) out.backed.push({ name: pair.dst, address: null, how: 'lookup' });
    return out;
  }
  // ssl/http: dst is the SNI/Host; the addresses are where the device sent it
  const how = pair.source === 'ssl' ? 'sni' : 'host';
  const byAddress = new Map<string, NameClaim>();
  for (const c of ev.claimsForName(pair.src, pair.dst)) {
    if (c.how !== how) continue;
    const seen = byAddress.get(c.address);
    if (!seen) byAddress.set(c.address, { ...c });
    else {
      seen.firstSeen = Math.min(seen.firstSeen, c.firstSeen);
      seen.lastSeen = Math.max(seen.lastSeen, c.lastSeen);
    }
  }
  out.addresses = [];
  for (const c of byAddress.values()) {
    const names: string[] = [];
    for (const a of ev.answersForAddress(c.address)) {
      const h = answerBacks(a, c.firstSeen, c.lastSeen);
      if (h && !names.includes(a.name)) {
        names.push(a.name);
        out.backed.push({ name: a.name, address: c.address, how: h });
      }
    }
    out.addresses.push({ address: c.address, names });
    if (!sameDomainAnswered(pair.dst, names))
      addClaimOnly(
        out,
        c,
        ev.answersForName(pair.dst).some((a) => a.address === c.address),
      );
  }
  // no claim recorded (e.g. through a proxy, where the proxy resolved the name): nothing vouches
  out.dstBacked = out.addresses.length > 0 && out.addresses.every((a) => a.names.includes(pair.dst));
  return out;
}

/** The unique backed names (what a name rule may be matched against for an address pair). */
export function backedNames(b: NameBacking): string[] {
  return [...new Set(b.backed.map((n) => n.name))];
}

/**
 * Did this answer back traffic between `first` and `last`? 'ttl' when some traffic fell within
 * [answer first seen, answer last seen + TTL]; 'earlier' when the answer was at least seen before
 * the last of it (a device may keep using an address past the TTL); null when only after.
 */
export function answerBacks(a: DnsAnswer, first: number, last: number): 'ttl' | 'earlier' | null {
  if (a.firstSeen > last + SLACK_S) return null;
  const until = a.lastSeen + (a.ttl ?? 0) + SLACK_S;
  return first <= until ? 'ttl' : 'earlier';
}

function addClaimOnly(out: NameBacking, c: NameClaim, resolvedLater: boolean): void {
  out.claimsOnly.push({ name: c.name, address: c.address, how: c.how, resolvedLater });
  const what = c.how === 'sni' ? 'SNI' : 'HTTP Host';
  out.suspicions.push(
    resolvedLater
      ? `${what} ${c.name} was sent to ${c.address} before any DNS answer gave that address`
      : `${what} ${c.name} was never resolved to ${c.address}`,
  );
}

/**
 * Was the claimed name, or another name of its registered domain (nest.com for beacon.nest.com),
 * among those DNS answers gave the address? Then the claim is plausible (one vendor's servers
 * under several names): no suspicion, and a rule on that domain decides.
 */
function sameDomainAnswered(claimed: string, answered: readonly string[]): boolean {
  if (answered.includes(claimed)) return true;
  const domain = getDomain(claimed, { allowPrivateDomains: true });
  return domain !== null && answered.some((n) => n === domain || n.endsWith(`.${domain}`));
}

function isAddress(s: string): boolean {
  return s.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(s);
}

/**
 * The backing with only the names that may vouch for this device's traffic: `names` (the
 * device's own lookups and SNI/Host, or one finding's names) and names of their registered
 * domains (one vendor's servers under several names). An answer for another name on the same
 * address — a cloud front end or CDN serving a vendor and a C2 alike — is dropped: a name
 * vouches only for itself.
 */
export function vouchedBy(b: NameBacking, names: ReadonlySet<string>): NameBacking {
  const domains = new Set<string>();
  for (const n of names) domains.add(getDomain(n, { allowPrivateDomains: true }) ?? n);
  const ok = (n: string) => names.has(n) || domains.has(getDomain(n, { allowPrivateDomains: true }) ?? n);
  return {
    ...b,
    backed: b.backed.filter((n) => n.address === null || ok(n.name)),
    addresses: b.addresses?.map((a) => ({ address: a.address, names: a.names.filter(ok) })) ?? null,
  };
}
