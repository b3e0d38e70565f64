// RITA's `long connections`: the conn pairs with the longest single connection and those with the
// longest summed durations, with bytes, from the traits the ingest keeps (db/trait-store.ts).
// One function for the API (the UI's #/long page) and `beaconwatch long`.
import type { Store } from '../../db/store.js';
import type { LongPairRow } from '../../db/trait-store.js';
import type { LongConnection, LongConnections } from '../contract/values.js';
import { deviceName } from './build.js';

export const LONG_DEFAULT_LIMIT = 50;

export function longConnections(
  store: Store,
  opts: { limit?: number; includeInbound?: boolean; findingOf?: (pairId: number) => number | null } = {},
): LongConnections {
  const limit = opts.limit ?? LONG_DEFAULT_LIMIT;
  const all = opts.includeInbound ?? false;
  const devices = new Map(store.devices.list().map((d) => [d.address, d]));
  const names = new Map<string, string[]>();
  const namesOf = (address: string): string[] => {
    let n = names.get(address);
    if (!n) {
      const told = [...store.evidence.answersForAddress(address)].sort((a, b) => b.lastSeen - a.lastSeen).map((a) => a.name);
      names.set(address, (n = [...new Set(told)].slice(0, 3)));
    }
    return n;
  };
  const view = (r: LongPairRow): LongConnection => ({
    pairId: r.pairId,
    findingId: opts.findingOf?.(r.pairId) ?? null,
    src: r.src,
    deviceName: deviceName(devices.get(r.src)),
    dst: r.dst,
    dstNames: namesOf(r.dst),
    direction: r.direction,
    port: r.port,
    proto: r.proto,
    service: r.service,
    longestS: r.durationMax,
    longestAt: r.longestTs,
    longestBytes: r.longestBytes,
    totalS: r.durationSum,
    connections: r.durations,
    sent: r.sent,
    received: r.received,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
  });
  return {
    longest: store.traits.longest('single', limit, all).map(view),
    cumulative: store.traits.longest('total', limit, all).map(view),
  };
}
