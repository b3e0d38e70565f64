// PairEvidence over the store's address_names (names devices used for addresses).
import type { PairStore } from '../../db/pair-store.js';
import type { MatchablePair } from '../allowlist/rules.js';
import type { InfrastructureRole, PairEvidence } from './evidence.js';

const MULTICAST_ROLE: Record<string, InfrastructureRole> = {
  '224.0.0.251': 'mdns',
  'ff02::fb': 'mdns',
  '239.255.255.250': 'ssdp',
  'ff02::c': 'ssdp',
};

export function storeEvidence(pairs: PairStore): PairEvidence {
  const cache = new Map<string, string[]>();
  const names = (src: string, address: string): string[] => {
    const key = `${src}\u0000${address}`;
    let n = cache.get(key);
    if (!n) cache.set(key, (n = pairs.namesFor(src, address, 8)));
    return n;
  };
  return {
    linkedNames: names,
    toldNames: names,
    unbackedClaim: () => null,
    addressFromDns: (src, address) => names(src, address).length > 0,
    infrastructureRole(p: MatchablePair): InfrastructureRole | null {
      const multicast = MULTICAST_ROLE[p.dst];
      if (multicast) return multicast;
      if (p.proto === 'udp' && (p.port === 67 || p.port === 68)) return 'dhcp';
      return null;
    },
  };
}
