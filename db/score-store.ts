// Score results: latest per pair, the history of every rescore, and the runs themselves.
import type { SeriesStats } from '../engine/contract/types.js';
import type { SqliteDatabase } from './open.js';

export interface PairScore {
  pairId: number;
  score: number;
  scores: Record<string, number>;
  stats: SeriesStats;
}

export interface RescoreRun {
  id: number;
  startedAt: number;
  windowEnd: number;
  pairs: number;
  durationMs: number;
  scorers: string[];
}

export interface ScoreHistoryPoint {
  scoredAt: number;
  score: number;
  scores: Record<string, number>;
}

export class ScoreStore {
  private readonly upsertStmt;
  private readonly histStmt;

  constructor(private readonly db: SqliteDatabase) {
    this.upsertStmt = db.prepare(`
      INSERT INTO scores (pair_id, scored_at, score, scores, stats) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (pair_id) DO UPDATE SET scored_at = excluded.scored_at, score = excluded.score,
        scores = excluded.scores, stats = excluded.stats`);
    this.histStmt = db.prepare('INSERT OR REPLACE INTO score_history (pair_id, scored_at, score, scores) VALUES (?, ?, ?, ?)');
  }

  /**
   * Store scores of some pairs for the run whose window ends at `windowEnd`: the latest score
   * replaced and history appended, in one transaction. A run saves its results chunk by chunk
   * (so a long rescore never blocks readers or the event loop for long), then records itself.
   */
  saveScores(windowEnd: number, results: readonly PairScore[]): void {
    this.db.transaction(() => {
      for (const r of results) {
        const scores = JSON.stringify(r.scores);
        this.upsertStmt.run(r.pairId, windowEnd, r.score, scores, JSON.stringify(r.stats));
        this.histStmt.run(r.pairId, windowEnd, r.score, scores);
      }
    })();
  }

  recordRun(run: Omit<RescoreRun, 'id'>): RescoreRun {
    const info = this.db
      .prepare('INSERT INTO rescore_runs (started_at, window_end, pairs, duration_ms, scorers) VALUES (?, ?, ?, ?, ?)')
      .run(run.startedAt, run.windowEnd, run.pairs, run.durationMs, JSON.stringify(run.scorers));
    return { ...run, id: Number(info.lastInsertRowid) };
  }

  lastRun(): RescoreRun | null {
    const r = this.db.prepare('SELECT * FROM rescore_runs ORDER BY id DESC LIMIT 1').get() as Record<string, unknown> | undefined;
    if (!r) return null;
    return {
      id: r.id as number,
      startedAt: r.started_at as number,
      windowEnd: r.window_end as number,
      pairs: r.pairs as number,
      durationMs: r.duration_ms as number,
      scorers: JSON.parse(r.scorers as string) as string[],
    };
  }

  history(pairId: number, limit = 24 * 7): ScoreHistoryPoint[] {
    const rows = this.db
      .prepare('SELECT scored_at, score, scores FROM score_history WHERE pair_id = ? ORDER BY scored_at DESC LIMIT ?')
      .all(pairId, limit) as { scored_at: number; score: number; scores: string }[];
    return rows.reverse().map((r) => ({ scoredAt: r.scored_at, score: r.score, scores: JSON.parse(r.scores) as Record<string, number> }));
  }
}
