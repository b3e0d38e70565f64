// Events per minute for the status: every stored batch of the last minute (a backfill of old
// logs counts too), and the live rate: only events newer than the start of the folder's
// backfill (history never counts, whenever it is read), sampled at each status.

/** the live ingest rate is an average over this many milliseconds */
export const LIVE_RATE_MS = 5 * 60_000;

export class IngestRate {
  /** stored batches of the last few minutes (any origin: the all-events rate) */
  private readonly batches: { at: number; n: number }[] = [];
  /** when the folder's backfill began (seconds): live events are the ones newer than it */
  private followFromS: number | null = null;
  /** samples of the count of events newer than followFromS */
  private readonly samples: { at: number; n: number }[] = [];

  /** following (re)starts now: the live rate counts from here */
  follow(nowS: number): void {
    this.followFromS = nowS;
    this.samples.length = 0;
  }

  count(nowMs: number, n: number): void {
    this.batches.push({ at: nowMs, n });
    while (this.batches.length > 0 && this.batches[0]!.at < nowMs - LIVE_RATE_MS) this.batches.shift();
  }

  lastMinute(nowMs: number): number {
    return this.batches.filter((x) => x.at >= nowMs - 60_000).reduce((a, x) => a + x.n, 0);
  }

  /** null while nothing is followed or the newest event is not recent; `eventsFrom(s)`: stored events newer than s */
  live(nowMs: number, latest: number | null, eventsFrom: (fromS: number) => number): number | null {
    if (this.followFromS === null || latest === null || nowMs / 1000 - latest > LIVE_RATE_MS / 1000) return null;
    const samples = this.samples;
    samples.push({ at: nowMs, n: eventsFrom(this.followFromS) });
    while (samples.length > 2 && samples[1]!.at <= nowMs - LIVE_RATE_MS) samples.shift();
    const first = samples[0]!;
    if (first.at === nowMs) return 0;
    // over the window, or since following began when that is shorter; a prune's chunk merge can lower the count
    return Math.max(0, samples[samples.length - 1]!.n - first.n) / (Math.max(nowMs - first.at, 60_000) / 60_000);
  }
}
