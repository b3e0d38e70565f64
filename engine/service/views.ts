// Builds what the UI shows from stored rows: findings (behaviours, see engine/findings/) with
// their state, filtered and counted, and device summaries.
import type { ScoredPairRow } from '../../db/pair-store.js';
import type { ApiArg, DeviceView, FindingList, FindingView } from '../contract/api.js';
import { buildFindings, deviceName, type ViewContext } from '../findings/build.js';
import { compareFindings, isDefaultDirection } from '../findings/pair-finding.js';
import { MIN_ACTIVITIES, repeats } from '../findings/thresholds.js';

export { deviceName, type ViewContext };

/** True for a finding worth an alert: above threshold, not allow-listed, not dismissed, outbound/local. */
export function isAlert(v: FindingView): boolean {
  return v.state === 'new' && isDefaultDirection(v);
}

/** Findings that can be shown at all: their strongest member repeats often enough. */
export function visibleFindings(rows: readonly ScoredPairRow[], ctx: ViewContext): FindingView[] {
  return buildFindings(rows, ctx).filter((v) => repeats(v));
}

export function listFindings(rows: readonly ScoredPairRow[], ctx: ViewContext, q: ApiArg<'listFindings'>): FindingList {
  const hidden = { allowlisted: 0, dismissed: 0, inbound: 0, belowThreshold: 0 };
  const out: FindingView[] = [];
  for (const v of visibleFindings(rows, ctx)) {
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
    if (v.score < ctx.settings.alertThreshold && !q.includeBelowThreshold && !v.allowlisted) {
      hidden.belowThreshold++;
      continue;
    }
    out.push(v);
  }
  out.sort(compareFindings);
  return { findings: out.slice(0, q.limit ?? 500), total: out.length, hidden };
}

export function listDevices(rows: readonly ScoredPairRow[], ctx: ViewContext): DeviceView[] {
  const by = new Map<string, DeviceView>();
  for (const row of rows) {
    let d = by.get(row.src);
    if (!d) {
      const dev = ctx.devices.get(row.src);
      d = {
        address: row.src,
        name: deviceName(dev),
        hostName: dev?.hostName ?? null,
        mac: dev?.mac ?? null,
        label: dev?.label ?? null,
        alerts: 0,
        pairs: 0,
        topScore: null,
        lastSeen: null,
      };
      by.set(row.src, d);
    }
    d.pairs++;
    d.lastSeen = Math.max(d.lastSeen ?? -Infinity, row.lastSeen);
  }
  for (const v of visibleFindings(rows, ctx)) {
    // a campaign is one finding but an alert on each of its devices
    for (const src of v.campaign ? v.campaign.devices.map((x) => x.address) : [v.src]) {
      const d = by.get(src);
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
