// NameEvidence over plain arrays: for tests, and for callers that already hold the rows.
import type { DnsAnswer, NameClaim, NameEvidence, ResolverSeen } from './name-backing.js';

export interface EvidenceRows {
  answers?: DnsAnswer[];
  claims?: NameClaim[];
  resolvers?: ResolverSeen[];
  dhcpServers?: string[];
}

export function memoryEvidence(rows: EvidenceRows): NameEvidence {
  const answers = rows.answers ?? [];
  const claims = rows.claims ?? [];
  const resolvers = rows.resolvers ?? [];
  const dhcp = rows.dhcpServers ?? [];
  return {
    answersForAddress: (address) => answers.filter((a) => a.address === address),
    answersForName: (name) => answers.filter((a) => a.name === name),
    answeredUnder: (domain) => answers.some((a) => a.name === domain || a.name.endsWith(`.${domain}`)),
    claimsForName: (src, name) => claims.filter((c) => c.src === src && c.name === name),
    claimsForAddress: (src, address) => claims.filter((c) => c.src === src && c.address === address),
    resolversOf: (src) => resolvers.filter((r) => r.src === src),
    dhcpServers: () => dhcp,
  };
}
