// Which addresses belong to the owner's network. Zeek's local_orig/local_resp win when they say
// "T"; otherwise the configured CIDRs decide (Zeek's Site::local_nets is often left unset at home).
import ipaddr from 'ipaddr.js';
import { isIpAddress } from './names.js';
import { DEFAULT_LOCAL_NETWORKS } from '../contract/settings-fields.js';

// the list is the default of the `localNetworks` setting, kept in the settings' one table
export { DEFAULT_LOCAL_NETWORKS };

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class LocalNetworks {
  private readonly v4: Cidr[] = [];
  private readonly v6: Cidr[] = [];
  private readonly cache = new Map<string, boolean>();
  /** addresses Zeek itself marked local (local_orig/local_resp = T) in conn.log */
  private readonly learned = new Set<string>();

  /** @throws Error naming the entry when a CIDR (or bare address) is invalid */
  constructor(cidrs: readonly string[] = DEFAULT_LOCAL_NETWORKS) {
    for (const c of cidrs) {
      let parsed: Cidr;
      try {
        parsed = c.includes('/') ? ipaddr.parseCIDR(c) : ((a) => [a, a.kind() === 'ipv4' ? 32 : 128] as Cidr)(ipaddr.parse(c));
      } catch {
        throw new Error(`local network "${c}" is not an IP address or CIDR`);
      }
      (parsed[0].kind() === 'ipv4' ? this.v4 : this.v6).push(parsed);
    }
  }

  /**
   * True for addresses in a local network, and for multicast/broadcast destinations: those never
   * leave the LAN (SSDP, mDNS), so a device talking to them is local traffic.
   */
  isLocal(address: string): boolean {
    if (this.learned.has(address)) return true;
    let hit = this.cache.get(address);
    if (hit !== undefined) return hit;
    hit = this.compute(address);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(address, hit);
    return hit;
  }

  /**
   * Remember that Zeek's Site::local_nets covers this address, so http/ssl/dns pairs (whose
   * logs carry no local_* flags) get the same direction as the conn pairs.
   */
  learn(address: string): void {
    if (this.learned.size < 1_000_000) this.learned.add(address);
  }

  private compute(address: string): boolean {
    if (!isIpAddress(address)) return false;
    let a = ipaddr.parse(address);
    if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
    const range = a.range();
    if (range === 'multicast' || range === 'broadcast') return true;
    const list = a.kind() === 'ipv4' ? this.v4 : this.v6;
    return list.some((cidr) => a.match(cidr));
  }
}
