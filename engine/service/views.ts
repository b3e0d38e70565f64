// Builds what the UI shows from stored rows: findings (behaviours, see engine/findings/) with
// their state, filtered and counted, and device summaries.
import { deviceKey } from '../contract/sensors.js';
import type { ScoredPairRow } from '../contract/rows.js';
import type { ApiArg, DeviceView, FindingList, FindingView } from '../contract/api.js';
import { buildFindings, deviceName, type ViewContext } from '../findings/build.js';
import { compareFindings, isDefaultDirection } from '../findings/pair-finding.js';
import { MIN_ACTIVITIES, shownAsFinding } from '../contract/thresholds.js';

export { deviceName, type ViewContext };

/** True for a finding worth an alert: above threshold, not allow-listed, not dismissed, outbound/local. */
export function isAlert(v: FindingView): boolean {
  return v.state === 'new' && isDefaultDirection(v);
}

/** Findings that can be shown at all: their strongest member repeats often enough, or a threat-intel feed lists them. */
export function visibleFindings(rows: readonly ScoredPairRow[], ctx: ViewContext): FindingView[] {
  return buildFindings(rows, ctx).filter((v) => shownAsFinding(v));
}

export function listFindings(rows: readonly ScoredPairRow[], ctx: ViewContext, q: ApiArg<'listFindings'>): FindingList {
  return listShownFindings(visibleFindings(rows, ctx), ctx.settings.alertThreshold, q);
}

/** The list from findings built already (findings-cache.ts): filtered, counted, sorted, one page of it. */
export function listShownFindings(visible: readonly FindingView[], alertThreshold: number, q: ApiArg<'listFindings'>): FindingList {
  const hidden = { allowlisted: 0, dismissed: 0, inbound: 0, belowThreshold: 0 };
  const out: FindingView[] = [];
  for (const v of visible) {
    if (q.source && !v.members.some((m) => m.source === q.source && (m.activities >= MIN_ACTIVITIES || m.pairId === v.pairId))) continue;
    if (q.device && v.src !== q.device && !v.campaign?.devices.some((d) => d.address === q.device)) continue;
    if (q.failedLookupsOnly && !v.members.some((m) => m.source === 'dns' && m.variant === 'failed' && m.activities >= MIN_ACTIVITIES)) continue;
    if (v.allowlisted && !q.includeAllowlisted) {
      hidden.allowlisted++;
      continue;
    }
    if (v.dismissed && !q.includeDismissed) {
      hidden.dismissed++;
      continue;
    }
    if (!isDefaultDirection(v) && !q.includeInbound && !q.device) {
      hidden.inbound++;
      continue;
    }
    // a feed hit is an alert whatever its score ("known C2 address contacted")
    if (v.score < alertThreshold && !q.includeBelowThreshold && !v.allowlisted && !v.intel) {
      hidden.belowThreshold++;
      continue;
    }
    out.push(v);
  }
  out.sort(compareFindings);
  // a page at a time: one answer stays small where it crosses threads and IPC
  const offset = q.offset ?? 0;
  return { findings: out.slice(offset, offset + (q.limit ?? 500)), total: out.length, hidden };
}

/** Devices with their pairs counted from `rows`, their alerts from the findings shown. */
export function listDevices(
  rows: readonly ScoredPairRow[],
  ctx: ViewContext,
  visible: readonly FindingView[] = visibleFindings(rows, ctx),
): DeviceView[] {
  const sightings = new Map<string, { sensor: string; src: string; pairs: number; lastSeen: number }>();
  for (const row of rows) {
    const key = deviceKey(row.sensor, row.src);
    const d = sightings.get(key) ?? { sensor: row.sensor, src: row.src, pairs: 0, lastSeen: -Infinity };
    d.pairs++;
    d.lastSeen = Math.max(d.lastSeen, row.lastSeen);
    sightings.set(key, d);
  }
  return devicesOf([...sightings.values()], ctx, visible);
}

/** The device list from each source's pairs and newest sighting (PairStore.deviceSightings) and the findings shown. */
export function devicesOf(
  sightings: readonly { sensor: string; src: string; pairs: number; lastSeen: number }[],
  ctx: ViewContext,
  visible: readonly FindingView[],
): DeviceView[] {
  const by = new Map<string, DeviceView>();
  for (const s of sightings) {
    // a device is an address on one sensor
    const key = deviceKey(s.sensor, s.src);
    const dev = ctx.devices.get(key);
    by.set(key, {
      sensor: s.sensor,
      address: s.src,
      name: deviceName(dev),
      hostName: dev?.hostName ?? null,
      mac: dev?.mac ?? null,
      label: dev?.label ?? null,
      alerts: 0,
      pairs: s.pairs,
      topScore: null,
      lastSeen: s.lastSeen,
    });
  }
  for (const v of visible) {
    // a campaign is one finding but an alert on each of its devices
    for (const key of v.campaign ? v.campaign.devices.map((x) => deviceKey(x.sensor, x.address)) : [deviceKey(v.sensor, v.src)]) {
      const d = by.get(key);
      if (!d) continue;
      if (isAlert(v)) d.alerts++;
      if (!v.allowlisted && !v.dismissed) d.topScore = Math.max(d.topScore ?? 0, v.score);
    }
  }
  return [...by.values()].sort((a, b) => b.alerts - a.alerts || (b.topScore ?? 0) - (a.topScore ?? 0) || a.address.localeCompare(b.address));
}

/** The finding a pair belongs to (the pair may be its anchor or any member). */
export function findingOfPair(rows: readonly ScoredPairRow[], ctx: ViewContext, pairId: number): FindingView | null {
  return buildFindings(rows, ctx).find((v) => v.members.some((m) => m.pairId === pairId)) ?? null;
}
