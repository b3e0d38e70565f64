// Terminal and JSON output of findings. Strings from logs are attacker-controlled: control
// characters are replaced before they reach a terminal (engine/text/terminal-safe.ts).
import { describeIntervalShort } from '../text/describe.js';
import type { FindingView } from '../contract/api.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { probabilityText } from '../contract/probability.js';
import type { Finding } from '../contract/types.js';
import type { ScanSummary } from '../scan/scan.js';
import { coverageIsPartial, coverageSentence } from '../text/coverage-sentence.js';

/** kept for existing callers: the shared terminal escaping (engine/text/terminal-safe.ts) */
export const safeText = terminalSafe;

export interface AllowlistedJson {
  id: string;
  reason: string;
}

export function findingJson(f: Finding, allowlisted: AllowlistedJson | null = null): Record<string, unknown> {
  return {
    sensor: f.sensor,
    source: f.source,
    src: f.src,
    dst: f.dst,
    variant: f.variant,
    direction: f.direction,
    events: f.stats.events,
    activities: f.stats.activities,
    period_s: f.stats.periodS === null ? null : round(f.stats.periodS, 3),
    spread_s: f.stats.spreadS === null ? null : round(f.stats.spreadS, 3),
    jitter_ratio: f.stats.jitterRatio === null ? null : round(f.stats.jitterRatio, 4),
    coverage: round(f.stats.coverage, 4),
    score: round(f.score, 4),
    beacon: f.scores.beacon ?? null,
    jitter: f.scores.jitter ?? null,
    scores: f.scores,
    port: f.port,
    proto: f.proto,
    service: f.service,
    first_seen: iso(f.stats.firstSeen),
    last_seen: iso(f.stats.lastSeen),
    allowlisted,
  };
}

export function iso(epochS: number): string | null {
  if (!Number.isFinite(epochS)) return null;
  return new Date(Math.round(epochS * 1000)).toISOString();
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** One pair as `scan --json` prints it: the pair, plus the finding it belongs to and its state. */
export function pairJson(f: Finding, view: FindingView | null): Record<string, unknown> {
  const member = view?.members.find((m) => m.pairId === f.pairId);
  const allowlisted = member?.allowlisted && view?.allowlisted ? { id: view.allowlisted.ruleId, reason: view.allowlisted.reason } : null;
  return {
    ...findingJson(f, allowlisted),
    finding: view?.findingId ?? null,
    state: view?.state ?? null,
    sent_bytes: member?.sent ?? null,
    received_bytes: member?.received ?? null,
    typical_bytes: member?.sent !== null && member?.sent !== undefined ? (f.stats.bytesP50 ?? null) : null,
    present_since_start: view?.presentSinceStart ?? null,
  };
}

/** One finding as `scan --findings --json` prints it. */
export function findingViewJson(v: FindingView): Record<string, unknown> {
  return {
    finding: v.findingId,
    kind: v.kind,
    sensor: v.sensor,
    src: v.src,
    device: v.deviceName,
    dst: v.dst,
    direction: v.direction,
    state: v.state,
    score: round(v.score, 4),
    // unrounded: orders findings whose scores read alike (see compareFindings)
    log_odds: v.logOdds,
    // over the behaviour's life (its conn pairs, else HTTP bodies); typical: one check-in's median
    sent_bytes: v.bytes?.sent ?? null,
    received_bytes: v.bytes?.received ?? null,
    typical_bytes: v.bytes?.typicalPerCheckIn ?? null,
    periodicity: round(v.periodicity, 4),
    summary: v.summary,
    headline: v.headline,
    campaign: v.campaign ? v.campaign.devices.map((d) => ({ sensor: d.sensor, src: d.address, device: d.name, finding: d.findingId })) : null,
    reasons: v.reasons,
    // the feeds listing its destination (raise only); null: none lists it, which lowers nothing
    intel: v.intel ?? null,
    shared_by: v.sharedBy,
    // what the home already did in the first logs (the day-one review); it lowers nothing
    present_since_start: v.presentSinceStart,
    activities: v.stats.activities,
    period_s: v.stats.periodS === null ? null : round(v.stats.periodS, 3),
    first_seen: iso(v.stats.firstSeen),
    last_seen: iso(v.stats.lastSeen),
    allowlisted: v.allowlisted ? { id: v.allowlisted.ruleId, reason: v.allowlisted.reason } : null,
    members: v.members.map((m) => ({
      pair: m.pairId,
      source: m.source,
      variant: m.variant,
      dst: m.dst,
      score: m.score === null ? null : round(m.score, 4),
      activities: m.activities,
      port: m.port,
      proto: m.proto,
      service: m.service,
    })),
  };
}

/**
 * The findings as a table that fits an 80-column terminal: names are cut with "…" and the note
 * takes what is left of the line. `wide` shows every column in full (and the check-in count).
 */
export function findingsTable(views: readonly FindingView[], opts: { wide?: boolean; width?: number } = {}): string {
  const wide = opts.wide ?? false;
  const cut = (s: string, n: number) => (wide ? s : truncate(s, n));
  const head = ['score', 'device', 'talks to', 'every', ...(wide ? ['n'] : []), 'state / why'];
  const rows = views.map((v) => [
    probabilityText(v.logOdds),
    safeText(cut(v.campaign ? `${v.campaign.devices.length} devices` : (v.deviceName ?? v.src), 15)),
    safeText(cut(v.dst, v.members.length > 1 ? 19 : 22)) + (v.members.length > 1 ? ` +${v.members.length - 1}` : ''),
    describeIntervalShort(v.stats),
    ...(wide ? [String(v.stats.activities)] : []),
    safeText(note(v)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  if (!wide) {
    // the note gets the rest of the line (at least 12 columns)
    const used = widths.slice(0, -1).reduce((a, w) => a + w + 2, 0);
    widths[widths.length - 1] = Math.max(12, (opts.width ?? 80) - used);
    for (const r of rows) r[r.length - 1] = truncate(r[r.length - 1]!, widths[widths.length - 1]!);
  }
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function note(v: FindingView): string {
  // "since start": already there in the first logs; said, never a reason to lower (GUIDE §6)
  const since = v.presentSinceStart ? ' (since start)' : '';
  if (v.allowlisted) return `known${since}: ${v.allowlisted.reason}`;
  // a threat-intel hit is its own state: the feed's reason comes first among the reasons
  if (v.intel && v.state === 'new') return `${v.intel.label}${since}: ${v.reasons[0]?.text ?? ''}`;
  const why = v.reasons.find((r) => r.effect === 'raises') ?? v.reasons[0];
  if (!why) return `${v.state}${since}`;
  // a reason that already opens with the state ("new: first seen 2 h ago") is not said twice
  const text = why.text.startsWith(`${v.state}: `) ? why.text.slice(v.state.length + 2) : why.text;
  return `${v.state}${since}: ${text}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * The table's footer and the "nothing found" line's second line: what was scored and left out,
 * wrapped at spaces to `width` columns like the table (null: one line, as --wide).
 */
export function coverageLine(sentence: string | null, width: number | null = 80): string {
  const text = `Coverage: ${safeText(sentence ?? 'nothing was scored (no event time in the logs).')}`;
  if (width === null) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

/** `scan --json`'s summary (one line on stderr): counts, and the coverage with its sentence */
export function scanSummaryJson(s: ScanSummary, shown: number): Record<string, unknown> {
  const c = s.coverage;
  return {
    files: s.files,
    events: s.events,
    pairs: s.findings.length,
    findings: s.views.length,
    shown,
    problems: s.problems.length,
    coverage: c && {
      data_from: c.dataFrom === null ? null : iso(c.dataFrom),
      data_to: c.dataTo === null ? null : iso(c.dataTo),
      window_end: iso(c.windowEnd),
      window_s: c.windowS,
      all_time: c.allTime,
      pairs_in_window: c.pairsInWindow,
      pairs_outside: c.pairsOutside,
      events_outside: c.eventsOutside,
      files_found: c.filesFound,
      files_unreadable: c.filesUnreadable,
      files_pending: c.filesPending,
      problems: c.problems,
      rows_skipped: c.rowsSkipped,
      partial: coverageIsPartial(c),
      sentence: coverageSentence(c, 'cli'),
    },
  };
}
