// Suggestions for the "Local networks" setting, from what the data already says: addresses on the
// local side of stored pairs (Zeek's local_orig/local_resp, or the current setting), addresses a
// DHCP server handed out, and the machine's own addresses (Beaconwatch often runs on the sensor).
// Each becomes its /24 (IPv4) or /64 (IPv6); the owner decides, nothing is applied here.
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';
import type { LocalNetworkSuggestion } from '../api.js';
import type { ScoredPairRow } from '../contract/rows.js';
import { LocalNetworks } from '../pairs/local-networks.js';

interface Evidence {
  zeek: Set<string>;
  dhcp: Set<string>;
  sensor: Set<string>;
}

/** the /24 or /64 holding a unicast address; null for anything else (names, multicast, loopback) */
export function networkOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  let a = ipaddr.parse(address);
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
  const range = a.range();
  // link-local is local by definition (and in the default setting): no use suggesting it
  if (['multicast', 'broadcast', 'loopback', 'unspecified', 'linkLocal'].includes(range)) return null;
  if (a.kind() === 'ipv4') {
    const o = (a as ipaddr.IPv4).octets;
    return `${o[0]}.${o[1]}.${o[2]}.0/24`;
  }
  const p = (a as ipaddr.IPv6).parts;
  return `${ipaddr.fromByteArray(new ipaddr.IPv6([p[0]!, p[1]!, p[2]!, p[3]!, 0, 0, 0, 0]).toByteArray()).toString()}/64`;
}

export function suggestLocalNetworks(
  rows: readonly Pick<ScoredPairRow, 'src' | 'dst' | 'direction'>[],
  dhcpAddresses: readonly string[],
  configured: readonly string[],
  sensorAddresses: readonly string[] = ownAddresses(),
): LocalNetworkSuggestion[] {
  const by = new Map<string, Evidence>();
  const note = (address: string, kind: keyof Evidence) => {
    const net = networkOf(address);
    if (!net) return;
    let e = by.get(net);
    if (!e) by.set(net, (e = { zeek: new Set(), dhcp: new Set(), sensor: new Set() }));
    e[kind].add(address);
  };
  for (const r of rows) {
    if (r.direction === 'outbound' || r.direction === 'local') note(r.src, 'zeek');
    if (r.direction === 'inbound' || r.direction === 'local') note(r.dst, 'zeek');
  }
  for (const a of dhcpAddresses) note(a, 'dhcp');
  for (const a of sensorAddresses) note(a, 'sensor');
  let nets: LocalNetworks | null = null;
  try {
    nets = new LocalNetworks(configured);
  } catch {
    /* a broken setting covers nothing */
  }
  const out: (LocalNetworkSuggestion & { weight: number })[] = [];
  for (const [cidr, e] of by) {
    const reasons: string[] = [];
    if (e.sensor.size) reasons.push(`this machine's address ${[...e.sensor][0]}`);
    if (e.dhcp.size) reasons.push(`DHCP assigned ${e.dhcp.size} address${e.dhcp.size === 1 ? '' : 'es'} in it`);
    if (e.zeek.size) reasons.push(`${e.zeek.size} address${e.zeek.size === 1 ? '' : 'es'} in it seen as local`);
    const base = cidr.split('/')[0]!;
    const probe = base.includes(':') ? base : base.replace(/\.0$/, '.1');
    out.push({
      cidr,
      reason: reasons.join('; '),
      configured: nets?.isLocal(probe) ?? false,
      weight: e.sensor.size * 1000 + e.dhcp.size * 10 + e.zeek.size,
    });
  }
  return out
    .sort((a, b) => Number(a.configured) - Number(b.configured) || b.weight - a.weight || a.cidr.localeCompare(b.cidr))
    .slice(0, 20)
    .map(({ weight: _w, ...s }) => s);
}

function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal)
    .map((i) => i!.address);
}
