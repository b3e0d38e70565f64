// The one place the activity minimum lives: a series needs this many check-ins before anyone
// (scorers, views, scan, notifications) treats it as a possible schedule. RITA v5 uses 4 too.
export const MIN_ACTIVITIES = 4;

/**
 * Whether a finding is listed at all: it repeats, or a threat-intel feed lists its destination
 * (a known C2 contacted twice is worth saying; intel-factor.ts).
 */
export function shownAsFinding(v: Parameters<typeof repeats>[0] & { intel?: unknown }): boolean {
  return repeats(v) || v.intel !== undefined;
}

/**
 * Whether a scored pair repeats often enough to be a finding: the minimum within the window, or
 * a slow schedule the scorers judged on the stored days (`scores.days` > 1: a 6-hour beacon
 * shows 4 times a day at most, but 20 times over five days).
 */
export function repeats(p: { stats: { activities: number } | null; scores: Record<string, number> | null }): boolean {
  if (!p.stats) return false;
  if (p.stats.activities >= MIN_ACTIVITIES) return true;
  return (p.scores?.days ?? 1) > 1 && p.scores?.log_odds !== undefined && p.stats.activities >= 1;
}
