// Retention: how far back stored events are kept. It counts back from the newest event (or now,
// when events claim to be from the future), and only while the data is live: a folder of old
// logs (its newest event older than the scoring window) is a finite import, not a growing
// stream, so none of it is removed — a folder holding captures of several periods (Stratosphere:
// 1970, 2020, 2022) would otherwise lose all but its last days at the first rescore. Once live
// logs arrive, the old import falls outside the retention and goes, and the UI says so
// (EngineStatus.retention).

/** The time before which events are removed, or null when nothing is (no data, or historic data). */
export function retentionCutoff(nowS: number, newest: number | null, windowS: number, retentionDays: number): number | null {
  if (newest === null || newest < nowS - windowS) return null;
  return Math.min(nowS, newest) - retentionDays * 86400;
}
