// Rescoring: every pair active in the window is turned into activities (slow pairs over the
// stored days, see prepare), scored by every scorer, and the results stored as the latest score plus history. Works in chunks and yields to the
// event loop between them, so a host process (Electron main, serve) stays responsive.
import type { PairStore } from '../../db/pair-store.js';
import type { EventSeries, PairRow } from '../contract/rows.js';
import type { ScoreStore, PairScore, RescoreRun } from '../../db/score-store.js';
import type { ActivitySeries, Scorer, ScorerOutput, SeriesStats } from '../contract/types.js';
import { seriesStats, toActivities } from './activities.js';
import { flattenScores, scoreDetail } from './combine.js';
import { MIN_ACTIVITIES } from '../contract/thresholds.js';

export interface RescoreOptions {
  /** end of the window, epoch s */
  now: number;
  windowS: number;
  gapS: number;
  scorers: readonly Scorer[];
  /** pairs with fewer activities get score 0 without asking the scorers */
  minActivities?: number;
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * only the pairs with an event at or after this time (epoch s; default: the window's start):
   * the quick pass between full rescores scores what changed (engine/service/quick-rescore.ts)
   */
  activeSince?: number;
  /** false: the run is not recorded (a quick pass is no rescore of the window); its id is 0 */
  record?: boolean;
}

export interface RescoreResult {
  run: RescoreRun;
  results: PairScore[];
}

/** Where a rescore puts its results: the score store, or a sink that keeps them apart (window-scores.ts). */
export type ScoreSink = Pick<ScoreStore, 'saveScores' | 'recordRun'>;

export async function rescore(stores: { pairs: PairStore; scores: ScoreSink }, opts: RescoreOptions): Promise<RescoreResult> {
  const started = performance.now();
  const windowStart = opts.now - opts.windowS;
  const minActivities = opts.minActivities ?? MIN_ACTIVITIES;
  // Small chunks: each one (load, score, save) keeps the event loop busy for tens of ms at most.
  // A chunk closes at `chunkSize` pairs or at CHUNK_ACTIVITIES activities, whichever comes first,
  // since the scorers' cost grows with the activities, not the pairs.
  const chunkSize = opts.chunkSize ?? 100;
  const pairs = stores.pairs.listPairs({ since: Math.max(windowStart, opts.activeSince ?? -Infinity), minEvents: 1 });
  const results: PairScore[] = [];

  // Chunks are pipelined: while a scorer that works off this thread (the CNN in a worker) scores
  // one chunk, the next is read and scored by the statistics here. Results are saved in order.
  const inFlight: { done: number; results: Promise<PairScore[]> }[] = [];
  const saveOldest = async () => {
    const chunk = inFlight.shift()!;
    const chunkResults = await chunk.results;
    stores.scores.saveScores(opts.now, chunkResults);
    for (const r of chunkResults) results.push(r);
    opts.onProgress?.(chunk.done, pairs.length);
  };
  let prepared: Prepared[] = [];
  let activities = 0;
  let block: Prepared[] = [];
  for (let i = 0; i < pairs.length; i++) {
    if (i % READ_BLOCK === 0) block = prepareBlock(stores.pairs, pairs.slice(i, i + READ_BLOCK), windowStart, opts.now, opts.gapS);
    const x = block[i % READ_BLOCK]!;
    prepared.push(x);
    activities += x.series.times.length;
    if (prepared.length < chunkSize && activities < CHUNK_ACTIVITIES && i < pairs.length - 1) continue;
    const chunk = scoreChunk(prepared, opts.scorers, minActivities);
    chunk.catch(() => {}); // awaited in order below; a failure surfaces there
    inFlight.push({ done: i + 1, results: chunk });
    if (inFlight.length > PIPELINE_DEPTH) await saveOldest();
    prepared = [];
    activities = 0;
    await new Promise<void>((r) => setImmediate(r));
  }
  while (inFlight.length > 0) await saveOldest();

  const done = {
    startedAt: Date.now() / 1000,
    windowEnd: opts.now,
    pairs: results.length,
    durationMs: performance.now() - started,
    scorers: opts.scorers.map((s) => s.name),
  };
  const run = opts.record === false ? { ...done, id: 0 } : stores.scores.recordRun(done);
  return { run, results };
}

const CHUNK_ACTIVITIES = 20_000;
/** pairs whose events one query reads */
const READ_BLOCK = 256;
const NO_EVENTS: EventSeries = { ts: new Float64Array(0), bytes: new Float64Array(0) };
/** chunks being scored while the next is prepared */
const PIPELINE_DEPTH = 2;

interface Prepared {
  pair: PairRow;
  /** what the scorers see: the window's activities, or the stored days' for a slow pair */
  series: ActivitySeries;
  /** what people read: always the window's */
  stats: SeriesStats;
  /** days of events in `series` */
  days: number;
}

async function scoreChunk(prepared: readonly Prepared[], scorers: readonly Scorer[], minActivities: number): Promise<PairScore[]> {
  const scorable = prepared.filter((x) => x.series.times.length >= minActivities);
  const outputsByScorer = await Promise.all(scorers.map((s) => s.scoreBatch(scorable.map((x) => x.series))));
  const outputs = new Map<number, Map<string, ScorerOutput>>();
  scorable.forEach((x, j) => {
    const m = new Map<string, ScorerOutput>();
    scorers.forEach((s, k) => m.set(s.name, outputsByScorer[k]![j]!));
    outputs.set(x.pair.id, m);
  });
  return prepared.map((x): PairScore => {
    const m = outputs.get(x.pair.id);
    if (!m) return { pairId: x.pair.id, score: 0, scores: {}, stats: x.stats };
    // the scorers saw the (possibly multi-day) series: the evidence is its activities
    const d = scoreDetail(m, { activities: x.series.times.length });
    const scores = { ...flattenScores(m), log_odds: Math.round(d.logOdds * 100) / 100, days: x.days };
    return { pairId: x.pair.id, score: d.score, scores, stats: x.stats };
  });
}

/** A day holding fewer activities than this (a period over ~1 h) is too little for a timer. */
export const SLOW_BELOW = 24;
/** How far back the slow path looks: the default retention. */
export const LONG_DAYS = 7;
const DAY = 86400;

/**
 * The 24 h series, or for a sparse pair the series over the stored days up to LONG_DAYS: a
 * 4-hour beacon has 6 check-ins a day, too few to tell from chance, but 30 over five days.
 * Sparse means fewer than SLOW_BELOW activities in the window, and a steady pace: the days
 * before held at most twice today's activities per day on average — a busy pair that went
 * quiet today is judged on today. The long window starts at the day boundary (counted back from
 * `to`) before the first event, so RITA's coverage parts are not punished for days never
 * stored. The stats people read stay the day's; `days` says what the score used.
 * For a block of pairs at once: the window's events in one query, the sparse pairs' stored days
 * in another.
 */
function prepareBlock(store: PairStore, pairs: readonly PairRow[], from: number, to: number, gapS: number): Prepared[] {
  const events = store.eventsOfPairs(
    pairs.map((p) => p.id),
    from,
    to,
  );
  const days = pairs.map((pair) => {
    const ev = events.get(pair.id) ?? NO_EVENTS;
    const series = toActivities(ev.ts, ev.bytes, gapS, from, to);
    const day: Prepared = { pair, series, stats: seriesStats(series, ev.ts.length), days: Math.max(1, Math.round((to - from) / DAY)) };
    return { day, events: ev.ts.length };
  });
  const sparse = (d: { day: Prepared }) => {
    const n = d.day.series.times.length;
    // nothing stored before the window: the long read would find the same events
    return n > 0 && n < SLOW_BELOW && to - from < LONG_DAYS * DAY && d.day.pair.firstSeen < from;
  };
  const ids = days.filter(sparse).map((d) => d.day.pair.id);
  const long = ids.length > 0 ? store.eventsOfPairs(ids, to - LONG_DAYS * DAY, to) : new Map<number, EventSeries>();
  return days.map((d) => (sparse(d) ? withStoredDays(d.day, d.events, long.get(d.day.pair.id) ?? NO_EVENTS, to, gapS) : d.day));
}

function withStoredDays(day: Prepared, dayEvents: number, long: EventSeries, to: number, gapS: number): Prepared {
  if (long.ts.length <= dayEvents) return day;
  const n = day.series.times.length;
  const days = Math.min(LONG_DAYS, Math.max(1, Math.ceil((to - long.ts[0]!) / DAY)));
  const longSeries = toActivities(long.ts, long.bytes, gapS, to - days * DAY, to);
  const steady = longSeries.times.length / days <= 2 * n;
  return steady && longSeries.times.length > n ? { ...day, series: longSeries, days } : day;
}
