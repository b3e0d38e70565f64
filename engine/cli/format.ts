// Terminal and JSON output of findings. Strings from logs are attacker-controlled: control
// characters are replaced before they reach a terminal (engine/text/terminal-safe.ts).
import { formatDuration } from '../describe.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { Finding } from '../types.js';

/** kept for existing callers: the shared terminal escaping (engine/text/terminal-safe.ts) */
export const safeText = terminalSafe;

export interface AllowlistedJson {
  id: string;
  reason: string;
}

export function findingJson(f: Finding, allowlisted: AllowlistedJson | null = null): Record<string, unknown> {
  return {
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

export function findingsTable(findings: readonly Finding[], known: (f: Finding) => string | null = () => null): string {
  const head = ['score', 'type', 'source', 'destination', 'dir', 'period', 'jitter', 'activities', 'note'];
  const rows = findings.map((f) => [
    f.score.toFixed(3),
    f.variant ? `${f.source}/${f.variant}` : f.source,
    safeText(f.src),
    safeText(truncate(f.dst, 48)),
    f.direction,
    f.stats.periodS === null ? '-' : `~${formatDuration(f.stats.periodS)}`,
    f.stats.jitterRatio === null ? '-' : `${Math.round(f.stats.jitterRatio * 100)}%`,
    String(f.stats.activities),
    safeText(known(f) ?? ''),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
