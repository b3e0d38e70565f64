// Local infrastructure recognised from what the logs show, never from typed addresses: the
// device's resolver is the address that answered its DNS in dns.log; the DHCP server is the one
// dhcp.log names (or a conn Zeek's DHCP analyzer recognised); mDNS and SSDP are their fixed
// multicast groups and ports; NetBIOS name and datagram announcements (Windows' browser service)
// are udp/137–138 to a broadcast address, which no router forwards, so nothing outside the LAN
// ever receives them. A conn to port 53 of an address that never answered the device's
// DNS is not infrastructure: that is exactly what DNS-shaped C2 would look like.
import ipaddr from 'ipaddr.js';
import type { BackingPair, NameEvidence } from './name-backing.js';

export type InfrastructureRole = 'resolver' | 'dhcp' | 'mdns' | 'ssdp' | 'netbios';

type RolePair = Pick<BackingPair, 'source' | 'src' | 'dst' | 'port' | 'proto' | 'service'>;

const MDNS = new Set(['224.0.0.251', 'ff02::fb']);
const SSDP = new Set(['239.255.255.250', 'ff02::c']);

/**
 * The limited broadcast, or a private or link-local IPv4 address whose last octet is 255 (a /24's
 * directed broadcast). A public address ending in .255 can be an ordinary host (a C2's): never.
 */
function isLanBroadcast(dst: string): boolean {
  if (dst === '255.255.255.255') return true;
  if (!ipaddr.IPv4.isValidFourPartDecimal(dst) || !dst.endsWith('.255')) return false;
  const range = ipaddr.IPv4.parse(dst).range();
  return range === 'private' || range === 'linkLocal';
}

export function infrastructureRole(pair: RolePair, ev: NameEvidence): InfrastructureRole | null {
  if (pair.source !== 'conn') return null;
  const dst = pair.dst.toLowerCase();
  const udp = pair.proto === null || pair.proto === 'udp';
  const services = pair.service ? pair.service.toLowerCase().split(',') : [];
  if (MDNS.has(dst) && udp && pair.port === 5353) return 'mdns';
  if (SSDP.has(dst) && udp && pair.port === 1900) return 'ssdp';
  if (isLanBroadcast(dst) && udp && (pair.port === 137 || pair.port === 138)) return 'netbios';
  if (udp && (pair.port === 67 || pair.port === 68)) {
    // Zeek's analyzer said DHCP, or dhcp.log saw this address serve leases
    if (services.includes('dhcp') || ev.dhcpServers().includes(pair.dst)) return 'dhcp';
    return null;
  }
  if (pair.port === 53 || services.includes('dns')) {
    // only an address that actually answered this device's lookups
    if (ev.resolversOf(pair.src).some((r) => r.server === pair.dst && r.responses > 0)) return 'resolver';
  }
  return null;
}
