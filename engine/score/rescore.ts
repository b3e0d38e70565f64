// Rescoring: every pair active in the window is turned into activities, scored by every scorer,
// and the results stored as the latest score plus history. Works in chunks and yields to the
// event loop between them, so a host process (Electron main, serve) stays responsive.
import type { PairStore, PairRow } from '../../db/pair-store.js';
import type { ScoreStore, PairScore, RescoreRun } from '../../db/score-store.js';
import type { ActivitySeries, Scorer, ScorerOutput, SeriesStats } from '../types.js';
import { seriesStats, toActivities } from './activities.js';
import { finalScore, flattenScores } from './combine.js';

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
}

export interface RescoreResult {
  run: RescoreRun;
  results: PairScore[];
}

export async function rescore(stores: { pairs: PairStore; scores: ScoreStore }, opts: RescoreOptions): Promise<RescoreResult> {
  const started = performance.now();
  const windowStart = opts.now - opts.windowS;
  const minActivities = opts.minActivities ?? 4;
  // Small chunks: each one (load, score, save) keeps the event loop busy for tens of ms at most.
  // A chunk closes at `chunkSize` pairs or at CHUNK_ACTIVITIES activities, whichever comes first,
  // since the scorers' cost grows with the activities, not the pairs.
  const chunkSize = opts.chunkSize ?? 100;
  const pairs = stores.pairs.listPairs({ since: windowStart, minEvents: 1 });
  const results: PairScore[] = [];

  let prepared: Prepared[] = [];
  let activities = 0;
  for (let i = 0; i < pairs.length; i++) {
    const x = prepare(stores.pairs, pairs[i]!, windowStart, opts.now, opts.gapS);
    prepared.push(x);
    activities += x.series.times.length;
    if (prepared.length < chunkSize && activities < CHUNK_ACTIVITIES && i < pairs.length - 1) continue;
    const chunkResults = await scoreChunk(prepared, opts.scorers, minActivities);
    stores.scores.saveScores(opts.now, chunkResults);
    for (const r of chunkResults) results.push(r);
    opts.onProgress?.(i + 1, pairs.length);
    prepared = [];
    activities = 0;
    await new Promise<void>((r) => setImmediate(r));
  }

  const run = stores.scores.recordRun({
    startedAt: Date.now() / 1000,
    windowEnd: opts.now,
    pairs: results.length,
    durationMs: performance.now() - started,
    scorers: opts.scorers.map((s) => s.name),
  });
  return { run, results };
}

const CHUNK_ACTIVITIES = 20_000;

interface Prepared {
  pair: PairRow;
  series: ActivitySeries;
  stats: SeriesStats;
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
    return { pairId: x.pair.id, score: m ? finalScore(m, x.stats) : 0, scores: m ? flattenScores(m) : {}, stats: x.stats };
  });
}

function prepare(store: PairStore, pair: PairRow, from: number, to: number, gapS: number): Prepared {
  const ev = store.events(pair.id, from, to);
  const series = toActivities(ev.ts, ev.bytes, gapS, from, to);
  return { pair, series, stats: seriesStats(series, ev.ts.length) };
}
