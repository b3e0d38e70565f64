// Turning stored rows into Findings, and ranking them.
import type { ScoredPairRow } from '../contract/rows.js';
import type { Finding } from '../contract/types.js';

export function toFinding(row: ScoredPairRow): Finding | null {
  if (row.score === null || row.stats === null || row.scoredAt === null) return null;
  return {
    pairId: row.id,
    sensor: row.sensor,
    source: row.source,
    src: row.src,
    dst: row.dst,
    variant: row.variant,
    direction: row.direction,
    stats: row.stats,
    score: row.score,
    scores: row.scores ?? {},
    scoredAt: row.scoredAt,
    port: row.port,
    proto: row.proto,
    service: row.service,
  };
}

type Ranked = Finding & { logOdds?: number; campaign?: unknown; intel?: unknown };

/**
 * Best first: a campaign (several devices, one hard-coded address), then a destination a
 * threat-intel feed lists (a known C2 contacted, however quiet), then the score, then the
 * unrounded log-odds (two timers that both read 100 % keep the order of their evidence), then
 * more activities, then most recent.
 */
export function compareFindings(a: Ranked, b: Ranked): number {
  return (
    (b.campaign ? 1 : 0) - (a.campaign ? 1 : 0) ||
    (b.intel ? 1 : 0) - (a.intel ? 1 : 0) ||
    b.score - a.score ||
    (b.logOdds ?? b.scores.log_odds ?? 0) - (a.logOdds ?? a.scores.log_odds ?? 0) ||
    (b.scores.log_odds ?? 0) - (a.scores.log_odds ?? 0) ||
    b.stats.activities - a.stats.activities ||
    b.stats.lastSeen - a.stats.lastSeen ||
    a.pairId - b.pairId
  );
}

/** Outbound and local pairs are what a home-lab owner asks about; inbound/external are opt-in. */
export function isDefaultDirection(f: Pick<Finding, 'direction'>): boolean {
  return f.direction === 'outbound' || f.direction === 'local';
}
