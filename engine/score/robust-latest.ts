// The end of the scoring window for data that is not live: the newest event time, robust to a
// few outliers. Ingest already drops times far in the future or before 1990 (row-guard.ts), but
// a handful of events a week past everything else (a sensor clock jump, a doctored row inside
// the sane range) must still not move the window away from all the other data.

/** newest times this much later than the next one, backed by few events, are outliers */
const OUTLIER_GAP_S = 86_400;
/** how many of the newest pair times are looked at */
export const ROBUST_LATEST_SAMPLE = 64;
/** "few events": at most this share of all stored events */
const OUTLIER_SHARE = 0.01;

/**
 * `newest`: each pair's last-seen time and event count, newest first; `totalEvents`: all stored
 * events. Leading pairs that stand more than a day clear of the next one are skipped when
 * together they hold at most 1% of the events (a dataset of another day with real traffic is
 * never an outlier: logs of two periods are scored at the later one, as before).
 */
export function robustLatest(newest: readonly { t: number; events: number }[], totalEvents: number): number | null {
  if (newest.length === 0) return null;
  let events = 0;
  for (let i = 0; i + 1 < newest.length; i++) {
    events += newest[i]!.events;
    if (events > totalEvents * OUTLIER_SHARE) break;
    if (newest[i]!.t - newest[i + 1]!.t > OUTLIER_GAP_S) return newest[i + 1]!.t;
  }
  return newest[0]!.t;
}
