// The quick pass between full rescores (issue 20, time to detect): every few minutes, when new
// events arrived, the pairs with an event since the last pass are scored at once (statistics
// and the CNN), and what now alerts is announced. A beacon that starts after a rescore is then a
// finding within minutes, not at the next hourly rescore. The full rescore stays: it scores the
// whole window, prunes and records the run (the status's "last rescore"); a quick pass records
// nothing and never runs beside it. Alerts stay once per finding (alert-once.ts).
import { rescore } from '../score/rescore.js';
import { collectAlerts } from './alert-once.js';
import type { EngineRuntime } from './runtime.js';

/** how often a quick pass may run; the CNN therefore scores a changed pair at most this often */
export const QUICK_RESCORE_S = 300;
/** logs are written per stream and flushed apart: take events this much older than the last pass too */
const LATE_EVENTS_S = 120;

export interface QuickPass {
  /** pairs scored: those with an event since the last pass */
  pairs: number;
  newAlerts: number;
  durationMs: number;
}

export class QuickRescore {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<QuickPass | null> | null = null;
  /** the newest event time the last pass (or full rescore) had seen; null before the first full rescore */
  private seenUpTo: number | null = null;
  private newEvents = 0;

  constructor(
    private readonly rt: EngineRuntime,
    private readonly everyS = QUICK_RESCORE_S,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      void this.runNow().catch((err: unknown) => this.rt.rescoreFailed(err));
    }, this.everyS * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  ingested(events: number): void {
    this.newEvents += events;
  }

  /**
   * A full rescore begins: it scores everything up to `seenUpTo` (the newest event time now);
   * events that arrive while it runs are new evidence for the next pass.
   */
  fullRescoreStarts(seenUpTo: number | null): void {
    this.seenUpTo = seenUpTo;
    this.newEvents = 0;
  }

  /** the pass in progress, if any (a full rescore waits for it) */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Run a pass now if there is new evidence and no rescore runs; null when none ran. */
  runNow(): Promise<QuickPass | null> {
    if (this.running) return this.running;
    if (this.newEvents === 0 || this.seenUpTo === null || this.rt.isRescoring() || !this.rt.scorers) return Promise.resolve(null);
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<QuickPass> {
    const rt = this.rt;
    const since = this.seenUpTo! - LATE_EVENTS_S;
    this.newEvents = 0;
    const reached = rt.store.pairs.latestEventTime();
    const { run } = await rescore(rt.store, {
      now: rt.windowEnd(),
      windowS: rt.settings.windowS,
      gapS: rt.settings.activityGapS,
      scorers: rt.scorers!.scorers,
      activeSince: since,
      record: false,
    });
    this.seenUpTo = reached ?? this.seenUpTo;
    const { alerts } = collectAlerts(rt, (fresh) => rt.emit('alerts', fresh));
    rt.log(`quick pass: ${run.pairs} pairs with new events scored in ${Math.round(run.durationMs)} ms, ${alerts} new alerts`);
    rt.emit('changed', { reason: 'rescore' });
    return { pairs: run.pairs, newAlerts: alerts, durationMs: run.durationMs };
  }
}
