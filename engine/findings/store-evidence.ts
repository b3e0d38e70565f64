// PairEvidence over what the logs told the home (engine/trust/): DNS answers and SNI/Host claims
// link addresses to names for grouping; only answers back a name; infrastructure comes from the
// data. Memoised per listing: a listing asks about the same addresses many times.
import type { ScoredPairRow } from '../contract/rows.js';
import type { MatchablePair } from '../allowlist/rules.js';
import { infrastructureRole, nameBacking, type NameEvidence } from '../trust/index.js';
import type { InfrastructureRole, PairEvidence } from './evidence.js';

export function storeEvidence(ev: NameEvidence): PairEvidence {
  const linked = new Map<string, string[]>();
  const told = new Map<string, string[]>();
  const toldFor = (address: string): string[] => {
    let n = told.get(address);
    if (!n) told.set(address, (n = unique([...ev.answersForAddress(address)].sort((a, b) => b.lastSeen - a.lastSeen).map((a) => a.name))));
    return n;
  };
  return {
    linkedNames(src, address) {
      const key = `${src}\u0000${address}`;
      let n = linked.get(key);
      if (!n) {
        const claims = [...ev.claimsForAddress(src, address)].sort((a, b) => b.lastSeen - a.lastSeen).map((c) => c.name);
        linked.set(key, (n = unique([...toldFor(address), ...claims])));
      }
      return n;
    },
    toldNames: (_src, address) => toldFor(address),
    answerTtl(name) {
      let ttl: number | null = null;
      for (const a of ev.answersForName(name)) if (a.ttl !== null && (ttl === null || a.ttl > ttl)) ttl = a.ttl;
      return ttl;
    },
    addressFromDns: (_src, address) => toldFor(address).length > 0,
    unbackedClaim(pair: MatchablePair) {
      const p = pair as Partial<ScoredPairRow> & MatchablePair;
      const b = nameBacking({ ...p, firstSeen: p.firstSeen ?? -Infinity, lastSeen: p.lastSeen ?? Infinity }, ev);
      return b.suspicions[0] ?? null;
    },
    infrastructureRole(pair: MatchablePair): InfrastructureRole | null {
      const role = infrastructureRole(pair, ev);
      // A DNS server of the device's own choosing answers its lookups too (a DNS tunnel does):
      // the resolver is the one that answered most of them.
      if (role === 'resolver') {
        const seen = ev.resolversOf(pair.src);
        const top = seen.reduce((a, b) => (b.responses > a.responses ? b : a), seen[0]!);
        if (top.server !== pair.dst) return null;
      }
      return role;
    },
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
