// Windows other than the live one (the overview's window picker): which hours hold data, what
// retention removed, and findings scored on demand over a chosen end and length. Results are
// cached per window and never written over the stored latest scores (the hourly rescore's).
import type { PairScore } from '../../db/score-store.js';
import type { ScoredPairRow } from '../contract/rows.js';
import { ApiError, type DataTimeline, type RetentionState, type TimeWindow, type WindowScoring } from '../contract/api.js';
import { storeViewContext } from '../findings/store-context.js';
import { scoreWindow } from '../score/window-score.js';
import type { EngineRuntime } from './runtime.js';
import { retentionCutoff } from './retention.js';
import type { ViewContext } from './views.js';

/** what the scored windows read of the running engine */
export type TimeWindowsRuntime = Pick<
  EngineRuntime,
  'allowlist' | 'loadScorers' | 'log' | 'on' | 'scorers' | 'settings' | 'store' | 'viewContext' | 'windowEnd'
>;

/** windows kept scored; the oldest asked for goes first */
const MAX_WINDOWS = 12;
/** a scored window is done again once new events arrived and it is this old */
const STALE_AFTER_MS = 5 * 60_000;
/** the hours holding data are read again after new events once this old */
const HOURS_FRESH_MS = 60_000;

interface Entry {
  window: TimeWindow;
  end: number;
  state: 'scoring' | 'ready' | 'failed';
  done: number;
  total: number;
  message?: string;
  scores: Map<number, PairScore> | null;
  promise: Promise<void>;
  /** when it was scored (ms) and the events stored then */
  at: number;
  events: number;
}

export class TimeWindows {
  private readonly entries = new Map<string, Entry>();
  /** window scorings run one after another, so browsing day by day never piles up work */
  private queue: Promise<void> = Promise.resolve();
  private hours: { events: number; at: number; value: DataTimeline['hours'] } | null = null;
  private retentionCache: RetentionState | null = null;

  constructor(private readonly rt: TimeWindowsRuntime) {
    rt.on('changed', (c: { reason: string }) => {
      if (c.reason === 'settings') this.entries.clear();
      if (c.reason === 'rescore' || c.reason === 'settings') {
        // the rescore prunes: the latest windows, the hours and what retention removed change
        for (const [k, e] of this.entries) if (e.window.end === null && e.state !== 'scoring') this.entries.delete(k);
        this.hours = null;
        this.retentionCache = null;
      }
    });
  }

  /** the window the hourly rescore keeps: its stored scores are the answer */
  isLive(w: TimeWindow | undefined): boolean {
    return !w || (w.end === null && w.lengthS === this.rt.settings.windowS);
  }

  /** Starts scoring the window unless it is live or scored already; returns its progress. */
  request(w: TimeWindow): WindowScoring {
    if (this.isLive(w)) {
      const end = this.rt.store.scores.lastRun()?.windowEnd ?? this.rt.windowEnd();
      return { window: w, end, lengthS: w.lengthS, state: 'live', done: 0, total: 0 };
    }
    const e = this.entry(w);
    return {
      window: w,
      end: e.end,
      lengthS: w.lengthS,
      state: e.state,
      done: e.done,
      total: e.total,
      ...(e.message ? { message: e.message } : {}),
    };
  }

  /** Every pair with the window's scores (null for pairs without events in it), after scoring it. */
  async rows(w: TimeWindow | undefined): Promise<{ rows: ScoredPairRow[]; ctx: ViewContext; end: number | null; scores: object | null }> {
    const all = this.rt.store.pairs.listScoredPairs();
    if (!w || this.isLive(w)) return { rows: all, ctx: this.rt.viewContext(), end: null, scores: null };
    const e = this.entry(w);
    await e.promise;
    if (e.state === 'failed' || !e.scores) throw new ApiError('failed', `scoring the window failed: ${e.message ?? 'unknown error'}`);
    const scores = e.scores;
    const rows = all.map((r): ScoredPairRow => {
      const s = scores.get(r.id);
      return s
        ? { ...r, score: s.score, scores: s.scores, stats: s.stats, scoredAt: e.end }
        : { ...r, score: null, scores: null, stats: null, scoredAt: null };
    });
    const settings = { ...this.rt.settings, windowS: w.lengthS };
    // `scores`: which scoring of the window these rows are (findings-cache.ts keys on it)
    return { rows, ctx: storeViewContext(this.rt.store, this.rt.allowlist, settings, e.end), end: e.end, scores };
  }

  /** The hours holding stored events, the newest event and what retention removed. */
  timeline(): DataTimeline {
    const pairs = this.rt.store.pairs;
    const events = pairs.counts().events;
    // reading every stored time costs: while events stream in, once a minute is enough for a day list
    if (!this.hours || (this.hours.events !== events && Date.now() - this.hours.at > HOURS_FRESH_MS)) {
      this.hours = { events, at: Date.now(), value: pairs.eventHours() };
    }
    const newest = pairs.latestEventTime();
    return {
      hours: this.hours.value,
      newest,
      liveEnd: newest === null ? null : this.rt.windowEnd(),
      retentionFrom: newest === null ? null : Math.min(Date.now() / 1000, newest),
      retention: this.retention(),
    };
  }

  /**
   * What retention removed: pair rows keep their first sighting while their events go, so a
   * pair first seen before the oldest stored event lost events (retention is the only deletion).
   */
  retention(): RetentionState {
    this.retentionCache ??= (() => {
      const first = this.rt.store.pairs.firstEventTime();
      const oldest = this.rt.store.pairs.oldestStoredEvent();
      const removed = first !== null && (oldest === null || first < oldest);
      return { days: 0, paused: false, removedBefore: removed ? (oldest ?? this.rt.store.pairs.latestEventTime()) : null };
    })();
    const s = this.rt.settings;
    const paused = retentionCutoff(Date.now() / 1000, this.rt.store.pairs.latestEventTime(), s.windowS, s.retentionDays) === null;
    return { ...this.retentionCache, days: s.retentionDays, paused };
  }

  private entry(w: TimeWindow): Entry {
    const key = windowKey(w);
    const have = this.entries.get(key);
    const events = this.rt.store.pairs.counts().events;
    if (have && (have.state === 'scoring' || (have.state === 'ready' && (have.events === events || Date.now() - have.at < STALE_AFTER_MS)))) {
      // most recently asked for last: the first key is the one to drop
      this.entries.delete(key);
      this.entries.set(key, have);
      return have;
    }
    const e: Entry = {
      window: w,
      end: w.end ?? this.rt.windowEnd(),
      state: 'scoring',
      done: 0,
      total: 0,
      scores: null,
      promise: Promise.resolve(),
      at: 0,
      events,
    };
    e.promise = this.queue = this.queue.then(() => this.score(e));
    this.entries.delete(key);
    this.entries.set(key, e);
    while (this.entries.size > MAX_WINDOWS) this.entries.delete(this.entries.keys().next().value!);
    return e;
  }

  private async score(e: Entry): Promise<void> {
    try {
      await this.rt.loadScorers();
      const results = await scoreWindow(this.rt.store.pairs, {
        now: e.end,
        windowS: e.window.lengthS,
        gapS: this.rt.settings.activityGapS,
        scorers: this.rt.scorers!.scorers,
        onProgress: (done, total) => {
          e.done = done;
          e.total = total;
        },
      });
      e.scores = new Map(results.filter((r) => r.stats.activities > 0).map((r) => [r.pairId, r]));
      e.done = e.total = results.length;
      e.state = 'ready';
    } catch (err) {
      e.state = 'failed';
      e.message = err instanceof Error ? err.message : String(err);
      this.rt.log(`window scoring failed: ${e.message}`);
    }
    e.at = Date.now();
  }
}

/** one key per chosen window (its end, or the latest data, and its length) */
export const windowKey = (w: TimeWindow): string => `${w.end ?? 'latest'}:${w.lengthS}`;
