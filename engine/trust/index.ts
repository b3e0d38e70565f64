// Trust in names and local services: what a device was told (DNS answers) vs what it claimed
// (SNI, Host), and which local infrastructure the logs show. Pure; the store supplies evidence.
export {
  answerBacks,
  backedNames,
  backingPairOf,
  nameBacking,
  vouchedBy,
  type BackedName,
  type BackingPair,
  type ClaimOnly,
  type DnsAnswer,
  type NameBacking,
  type NameClaim,
  type NameEvidence,
  type ResolverSeen,
} from './name-backing.js';
export { infrastructureRole, type InfrastructureRole } from './infrastructure.js';
export { memoryEvidence, type EvidenceRows } from './memory-evidence.js';
