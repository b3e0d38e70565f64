// A finding is a behaviour, not a key. One check-in of a device is often a DNS lookup of a name,
// a TLS handshake (or HTTP request) naming it, and a connection to the address the lookup
// answered; a rotating C2 or a CDN spreads one schedule over several addresses. Here the pairs
// of one device are grouped into such behaviours: everything about one name (its lookups, the
// TLS/HTTP naming it, the registered-domain row when one name carries it, the connections to
// the addresses linked to it), random-subdomain lookups under their domain, and connections to
// local infrastructure (the resolver that carried the lookups) apart from the rest.
// Grouping never decides trust: a link made through a client-chosen name only merges evidence.
import type { ScoredPairRow } from '../contract/rows.js';
import { isIpAddress } from '../pairs/names.js';
import type { InfrastructureRole, PairEvidence } from './evidence.js';
import { deviceKey } from '../contract/sensors.js';

export type GroupKind = 'name' | 'domain' | 'address' | 'infrastructure';

export interface PairGroup {
  /** the finding's id: its anchor pair's id, stable as the group grows */
  id: number;
  kind: GroupKind;
  /** a device is an address on one sensor: two sites' 192.168.1.10 are two devices */
  sensor: string;
  src: string;
  /** the name, registered domain or address the behaviour is about */
  key: string;
  anchor: ScoredPairRow;
  members: ScoredPairRow[];
  role: InfrastructureRole | null;
}

/**
 * Group the pairs of every device. `minActivities`: lookups of names under a registered domain
 * that never repeat that often on their own (random subdomains) join the domain's row.
 */
export function groupPairs(rows: readonly ScoredPairRow[], ev: PairEvidence, minActivities: number): PairGroup[] {
  const resolvers = resolversOf(rows);
  const byDevice = new Map<string, ScoredPairRow[]>();
  for (const r of rows) {
    const key = deviceKey(r.sensor, r.src);
    const list = byDevice.get(key);
    if (list) list.push(r);
    else byDevice.set(key, [r]);
  }
  const out: PairGroup[] = [];
  for (const list of byDevice.values()) groupDevice(list[0]!.sensor, list[0]!.src, list, ev, minActivities, resolvers, out);
  return out;
}

interface Draft {
  kind: GroupKind;
  key: string;
  members: ScoredPairRow[];
  role: InfrastructureRole | null;
}

function groupDevice(
  sensor: string,
  src: string,
  rows: readonly ScoredPairRow[],
  ev: PairEvidence,
  minActivities: number,
  resolvers: ReadonlySet<string>,
  out: PairGroup[],
): void {
  const byName = new Map<string, Draft>();
  const byAddress = new Map<string, Draft>();
  const drafts: Draft[] = [];
  const draft = (map: Map<string, Draft>, kind: GroupKind, key: string, role: InfrastructureRole | null = null): Draft => {
    let d = map.get(key);
    if (!d) {
      d = { kind, key, members: [], role };
      map.set(key, d);
      drafts.push(d);
    }
    return d;
  };

  // 1. Everything that names a destination: lookups, TLS SNI, HTTP Host.
  const domainRows: ScoredPairRow[] = [];
  const addressed: ScoredPairRow[] = [];
  for (const r of rows) {
    if (r.source === 'dns' && r.variant === 'domain') domainRows.push(r);
    else if (r.source === 'conn' || isIpAddress(r.dst)) addressed.push(r);
    else draft(byName, 'name', r.dst).members.push(r);
  }

  // 2. Registered-domain rows: when names that repeat on their own carry most of the domain's
  //    lookups, the row only repeats them and joins the busiest; otherwise it is a behaviour of
  //    its own (random-subdomain C2, DNS tunnels) and the scattered names under it join it.
  for (const d of domainRows) {
    const under = [...byName.values()].filter((g) => g.kind === 'name' && isUnder(g.key, d.dst));
    const top = maxBy(under, activitiesOf);
    const frequent = under.filter((g) => activitiesOf(g) >= minActivities).reduce((sum, g) => sum + activitiesOf(g), 0);
    if (top && activitiesOf(top) > 0 && (activities(d) <= activitiesOf(top) * 1.2 || frequent >= activities(d) * 0.5)) {
      top.members.push(d);
      continue;
    }
    const group = draft(byName, 'domain', `*.${d.dst}`);
    group.members.push(d);
    for (const g of under) {
      if (activitiesOf(g) >= minActivities) continue;
      group.members.push(...g.members);
      g.members = [];
    }
  }

  // 3. Connections (and TLS/HTTP without a name) by address: local infrastructure apart, else the
  //    busiest name linked to the address, else a behaviour of the address itself.
  for (const r of addressed) {
    const role =
      r.source === 'conn' ? (ev.infrastructureRole(r) ?? (r.port === 53 && resolvers.has(deviceKey(sensor, r.dst)) ? 'resolver' : null)) : null;
    if (role) {
      draft(byAddress, 'infrastructure', `${role}:${r.dst}`, role).members.push(r);
      continue;
    }
    const linked = ev
      .linkedNames(src, r.dst)
      .map((n) => byName.get(n))
      .filter((g): g is Draft => g !== undefined && g.kind === 'name' && g.members.length > 0);
    const best = maxBy(linked.length > 0 ? linked : proxiedThrough(r, byName), activitiesOf);
    if (best) best.members.push(r);
    else draft(byAddress, 'address', r.dst).members.push(r);
  }

  for (const d of drafts) {
    if (d.members.length === 0) continue;
    const anchor = anchorOf(d);
    out.push({ id: anchor.id, kind: d.kind, sensor, src, key: d.key, anchor, members: d.members, role: d.role });
  }
}

/**
 * Resolvers seen in the data: a LAN address that several devices send DNS (port 53) to. One
 * device's DNS to an address of its own choosing is not infrastructure: it may be a tunnel.
 * Keyed per sensor (deviceKey): a resolver is a device of one site.
 */
export function resolversOf(rows: readonly ScoredPairRow[]): Set<string> {
  const clients = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.source !== 'conn' || r.port !== 53 || r.direction !== 'local') continue;
    const key = deviceKey(r.sensor, r.dst);
    const set = clients.get(key) ?? new Set<string>();
    set.add(r.src);
    clients.set(key, set);
  }
  return new Set([...clients].filter(([, c]) => c.size >= 2).map(([a]) => a));
}

/**
 * A LAN proxy: the device's connections go to the proxy's local address and port, while its HTTP
 * (CONNECT) and TLS pairs name the real destination on that same port and leave the home.
 */
function proxiedThrough(r: ScoredPairRow, byName: ReadonlyMap<string, Draft>): Draft[] {
  if (r.source !== 'conn' || r.direction !== 'local' || r.port === null) return [];
  return [...byName.values()].filter(
    (g) => g.kind === 'name' && g.members.some((m) => (m.source === 'http' || m.source === 'ssl') && m.port === r.port && m.direction === 'outbound'),
  );
}

/** The pair that names the group, oldest first: its id stays the finding's id as members join. */
function anchorOf(d: Draft): ScoredPairRow {
  const key = d.kind === 'domain' ? d.key.slice(2) : d.kind === 'infrastructure' ? d.key.slice(d.key.indexOf(':') + 1) : d.key;
  const naming = d.members.filter((m) => m.dst === key);
  const pool = naming.length > 0 ? naming : d.members;
  return pool.reduce((a, b) => (b.id < a.id ? b : a));
}

function isUnder(name: string, domain: string): boolean {
  return name.length > domain.length && name.endsWith(domain) && name[name.length - domain.length - 1] === '.';
}

const activities = (r: ScoredPairRow): number => r.stats?.activities ?? 0;
const activitiesOf = (d: Draft): number => d.members.reduce((m, r) => Math.max(m, activities(r)), 0);

function maxBy<T>(items: readonly T[], f: (x: T) => number): T | undefined {
  let best: T | undefined;
  let bestV = -Infinity;
  for (const x of items) {
    const v = f(x);
    if (v > bestV) {
      best = x;
      bestV = v;
    }
  }
  return best;
}
