// Builds what the UI shows from stored rows: finding views (with allow-list state and device
// names), device summaries, filters and counts.
import type { DeviceRow } from '../../db/device-store.js';
import type { ScoredPairRow } from '../../db/pair-store.js';
import type { AllowMatch, ApiArg, DeviceView, FindingList, FindingView, Settings } from '../api.js';
import { describeSeries } from '../describe.js';
import { compareFindings, isDefaultDirection, toFinding } from '../findings.js';
import type { Finding } from '../types.js';

export interface ViewContext {
  settings: Settings;
  devices: ReadonlyMap<string, DeviceRow>;
  match: (f: Finding) => AllowMatch | null;
  /** names a device used for an address (see FindingView.dstNames) */
  names: (src: string, address: string) => string[];
}

export function deviceName(d: DeviceRow | undefined): string | null {
  return d?.label || d?.hostName || null;
}

export function toView(row: ScoredPairRow, ctx: ViewContext): FindingView | null {
  const f = toFinding(row);
  if (!f) return null;
  const dstNames = f.source === 'conn' ? ctx.names(f.src, f.dst) : [];
  // ctx.match decides on backed names only (engine/trust): dstNames also lists SNI/Host claims,
  // which must never make a pair known
  const allowlisted = ctx.match(f);
  const state = allowlisted ? 'known' : row.dismissed ? 'dismissed' : f.score >= ctx.settings.alertThreshold ? 'new' : 'seen';
  return {
    ...f,
    state,
    allowlisted,
    dismissed: row.dismissed,
    deviceName: deviceName(ctx.devices.get(f.src)),
    summary: describeSeries(f.stats, ctx.settings.windowS),
    dstNames,
  };
}

/** True for a finding worth an alert: above threshold, not allow-listed, not dismissed, outbound/local. */
export function isAlert(v: FindingView): boolean {
  return v.state === 'new' && isDefaultDirection(v);
}

/**
 * dns `domain` pairs exist for random-subdomain C2 and tunnels, where every query name is new.
 * When one query name carries (nearly) all of a domain's activity, the domain pair repeats that
 * name's pair: fold it away so a lookup is not listed (and alerted) twice.
 */
export function foldedDomainPairs(rows: readonly ScoredPairRow[]): Set<number> {
  const maxMember = new Map<string, number>();
  for (const r of rows) {
    if (r.source !== 'dns' || r.variant === 'domain' || !r.stats) continue;
    const dot = r.dst.indexOf('.');
    // Every suffix of the name is a candidate registered domain; cheap and exact enough.
    for (let i = dot; i >= 0 && i < r.dst.length; i = r.dst.indexOf('.', i + 1)) {
      const key = `${r.src}\u0000${r.dst.slice(i + 1)}`;
      maxMember.set(key, Math.max(maxMember.get(key) ?? 0, r.stats.activities));
    }
  }
  const folded = new Set<number>();
  for (const r of rows) {
    if (r.source !== 'dns' || r.variant !== 'domain' || !r.stats) continue;
    const m = maxMember.get(`${r.src}\u0000${r.dst}`) ?? 0;
    if (m > 0 && r.stats.activities <= m * 1.2) folded.add(r.id);
  }
  return folded;
}

export function listFindings(rows: readonly ScoredPairRow[], ctx: ViewContext, q: ApiArg<'listFindings'>): FindingList {
  const hidden = { allowlisted: 0, dismissed: 0, inbound: 0, belowThreshold: 0 };
  const out: FindingView[] = [];
  const folded = foldedDomainPairs(rows);
  for (const row of rows) {
    if (folded.has(row.id)) continue;
    const v = toView(row, ctx);
    if (!v || v.stats.activities < 4) continue;
    if (q.source && v.source !== q.source) continue;
    if (q.device && v.src !== q.device) continue;
    if (q.failedLookupsOnly && !(v.source === 'dns' && v.variant === 'failed')) continue;
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
  const folded = foldedDomainPairs(rows);
  for (const row of rows) {
    const v = folded.has(row.id) ? null : toView(row, ctx);
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
    if (v && v.stats.activities >= 4) {
      if (isAlert(v)) d.alerts++;
      if (!v.allowlisted && !v.dismissed) d.topScore = Math.max(d.topScore ?? 0, v.score);
    }
  }
  return [...by.values()].sort((a, b) => b.alerts - a.alerts || (b.topScore ?? 0) - (a.topScore ?? 0) || a.address.localeCompare(b.address));
}
