// What the findings layer needs to know about names and addresses beyond the scored pairs:
// which names link an address to a device's named pairs (for grouping), which of those names the
// home was *told* by DNS (for trust), and which addresses play a local infrastructure role.
// The engine's composition roots implement it over the store (engine/trust/); tests pass plain maps.
import type { MatchablePair } from '../allowlist/rules.js';

export type InfrastructureRole = 'resolver' | 'dhcp' | 'mdns' | 'ssdp' | 'netbios' | 'forwarder';

export interface PairEvidence {
  /**
   * Names linked to (device → address): DNS answers the device received and the SNI/Host it
   * sent there, most recent first. Used only to group pairs into one behaviour, never to trust.
   */
  linkedNames(src: string, address: string): readonly string[];
  /**
   * For a pair whose destination is a client-chosen name (TLS SNI, HTTP Host): a sentence saying
   * the name was never resolved to the address it went to, or null when DNS backs it.
   */
  unbackedClaim(pair: MatchablePair): string | null;
  /** Names DNS answers in the home gave for this address (what devices were told), newest first. */
  toldNames(src: string, address: string): readonly string[];
  /** The longest TTL DNS answers gave this name (seconds), null when no answer carried one. */
  answerTtl(name: string): number | null;
  /** For a conn pair: true when some DNS answer in the home gave this address (for any name). */
  addressFromDns(src: string, address: string): boolean;
  /** The local infrastructure role of the pair's destination, seen in the data, or null. */
  infrastructureRole(pair: MatchablePair): InfrastructureRole | null;
}
