// The feeds' schedule in the long-running hosts (watch, serve, the desktop): once an hour it
// looks for feeds whose copy is older than the schedule (default daily) and fetches those, with
// conditional requests, so a check costs nothing when nothing is due. The off switch stops the
// downloads; the owner's folder is re-read either way (it is local).
import { updateFeeds, type FeedResult, type IntelStoreLike, type UpdateOptions } from './update.js';

const CHECK_EVERY_MS = 3600_000;
/** the first look waits for the host's start (backfill, first rescore) to be under way */
const FIRST_CHECK_MS = 60_000;

export interface IntelScheduleOptions {
  /** a feed's copy changed: findings must be built again */
  onChanged: () => void;
  log: (line: string) => void;
  checkEveryMs?: number;
  firstCheckMs?: number;
  update?: Omit<UpdateOptions, 'force' | 'now'>;
}

export class IntelSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<FeedResult[]> | null = null;
  /** aborts a download in progress when the host stops (a slow server must not hold up quitting) */
  private stopping = new AbortController();
  /** epoch s of the next look, null when not started */
  nextCheckAt: number | null = null;

  constructor(
    private readonly store: IntelStoreLike,
    private readonly opts: IntelScheduleOptions,
  ) {}

  start(): void {
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.plan(this.opts.firstCheckMs ?? FIRST_CHECK_MS);
  }

  stop(): void {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextCheckAt = null;
  }

  /** Waits for an update in progress (a host closing its store must not pull it from under one). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One update at a time: a second caller gets the one in progress. `force`: every enabled feed, due or not. */
  update(force: boolean): Promise<FeedResult[]> {
    this.running ??= updateFeeds(this.store, { ...this.opts.update, force, fetch: { ...this.opts.update?.fetch, signal: this.stopping.signal } })
      .then((results) => {
        for (const r of results) if (r.outcome === 'failed') this.opts.log(`intel: ${r.feed}: ${r.error}`);
        if (results.some((r) => r.outcome === 'updated')) this.opts.onChanged();
        return results;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private plan(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.nextCheckAt = Date.now() / 1000 + ms / 1000;
    this.timer = setTimeout(() => {
      void this.update(false)
        .catch((err: unknown) => this.opts.log(`intel: update failed: ${(err as Error).message}`))
        .finally(() => {
          if (this.timer) this.plan(this.opts.checkEveryMs ?? CHECK_EVERY_MS);
        });
    }, ms);
    this.timer.unref();
  }
}
