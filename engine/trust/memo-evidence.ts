// A NameEvidence that asks the one below it once per question: building findings asks about the
// same addresses and devices many times (allow-list backing, grouping, suspicions), and each
// question is a SQLite query. Once a listing has asked about many addresses, it reads which
// addresses have any answer at all (one query) and answers the rest with nothing, and reads every
// claim at once (one query, not one per device and address) where the evidence below can.
// For one listing only: it never sees rows written after it.
import type { DnsAnswer, NameClaim, NameEvidence, ResolverSeen } from './name-backing.js';

export function memoEvidence(ev: NameEvidence): NameEvidence {
  const byAddress = new Map<string, readonly DnsAnswer[]>();
  const byName = new Map<string, readonly DnsAnswer[]>();
  const under = new Map<string, boolean>();
  const claimsByName = new Map<string, readonly NameClaim[]>();
  const claimsByAddress = new Map<string, readonly NameClaim[]>();
  const resolvers = new Map<string, readonly ResolverSeen[]>();
  let dhcp: readonly string[] | null = null;
  // after this many distinct questions, the sets of keys that have rows are read once
  const KEYS_AFTER = 64;
  let answered: ReadonlySet<string> | null = null;
  let claimed: ReadonlySet<string> | null = null;
  let claims: ReadonlyMap<string, readonly NameClaim[]> | null = null;
  const none: readonly never[] = Object.freeze([]);
  const memo = <T>(m: Map<string, T>, key: string, get: () => T): T => {
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = get()));
    return v;
  };
  return {
    answersForAddress: (address) =>
      memo(byAddress, address, () => {
        if (!answered && ev.answeredAddresses && byAddress.size >= KEYS_AFTER) answered = ev.answeredAddresses();
        return answered && !answered.has(address) ? none : ev.answersForAddress(address);
      }),
    answersForName: (name) => memo(byName, name, () => ev.answersForName(name)),
    answeredUnder: (domain) => memo(under, domain, () => ev.answeredUnder(domain)),
    claimsForName: (src, name) => memo(claimsByName, `${src}\u0000${name}`, () => ev.claimsForName(src, name)),
    claimsForAddress: (src, address) => {
      const key = `${src}\u0000${address}`;
      return memo(claimsByAddress, key, () => {
        if (!claims && ev.claimsByKey && claimsByAddress.size >= KEYS_AFTER) claims = ev.claimsByKey();
        if (claims) return claims.get(key) ?? none;
        if (!claimed && ev.claimedAddresses && claimsByAddress.size >= KEYS_AFTER) claimed = ev.claimedAddresses();
        return claimed && !claimed.has(key) ? none : ev.claimsForAddress(src, address);
      });
    },
    resolversOf: (src) => memo(resolvers, src, () => ev.resolversOf(src)),
    dhcpServers: () => (dhcp ??= ev.dhcpServers()),
    answeredAddresses: ev.answeredAddresses ? () => (answered ??= ev.answeredAddresses!()) : undefined,
    claimedAddresses: ev.claimedAddresses ? () => (claimed ??= ev.claimedAddresses!()) : undefined,
  };
}
