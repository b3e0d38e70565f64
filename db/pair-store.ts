// Read side of pairs and events, plus the owner's per-pair marks (dismissed, notified).
import type { Direction, LogSource, PairVariant, SeriesStats } from '../engine/types.js';
import type { SqliteDatabase } from './open.js';

export interface PairRow {
  id: number;
  source: LogSource;
  variant: PairVariant | null;
  src: string;
  dst: string;
  direction: Direction;
  port: number | null;
  proto: string | null;
  service: string | null;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
  dismissed: boolean;
  notifiedAt: number | null;
}

/** A pair with its latest score (null when it was never scored). */
export interface ScoredPairRow extends PairRow {
  score: number | null;
  scores: Record<string, number> | null;
  stats: SeriesStats | null;
  scoredAt: number | null;
}

export interface EventSeries {
  ts: Float64Array;
  bytes: Float64Array;
}

const PAIR_COLUMNS = `p.id, p.source, p.variant, p.src, p.dst, p.direction, p.port, p.proto, p.service,
  p.first_seen, p.last_seen, p.event_count, p.dismissed, p.notified_at`;

export class PairStore {
  private readonly eventsStmt;
  private readonly recentEventsStmt;
  constructor(private readonly db: SqliteDatabase) {
    this.eventsStmt = db.prepare('SELECT ts, bytes FROM events WHERE pair_id = ? AND ts >= ? AND ts <= ? ORDER BY ts').raw();
    this.recentEventsStmt = db.prepare('SELECT ts, bytes FROM events WHERE pair_id = ? ORDER BY ts DESC LIMIT ?').raw();
  }

  /** Pairs seen (last event) at or after `since`, optionally with at least `minEvents` events. */
  listPairs(opts: { since?: number; minEvents?: number } = {}): PairRow[] {
    const rows = this.db
      .prepare(`SELECT ${PAIR_COLUMNS} FROM pairs p WHERE p.last_seen >= ? AND p.event_count >= ? ORDER BY p.id`)
      .all(opts.since ?? -Infinity, opts.minEvents ?? 0) as Record<string, unknown>[];
    return rows.map(toPairRow);
  }

  /** Every pair with its latest score, best first. */
  listScoredPairs(): ScoredPairRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${PAIR_COLUMNS}, s.score, s.scores, s.stats, s.scored_at
         FROM pairs p LEFT JOIN scores s ON s.pair_id = p.id
         ORDER BY s.score IS NULL, s.score DESC, p.last_seen DESC`,
      )
      .all() as Record<string, unknown>[];
    return rows.map(toScoredPairRow);
  }

  getPair(id: number): ScoredPairRow | undefined {
    const r = this.db
      .prepare(
        `SELECT ${PAIR_COLUMNS}, s.score, s.scores, s.stats, s.scored_at
         FROM pairs p LEFT JOIN scores s ON s.pair_id = p.id WHERE p.id = ?`,
      )
      .get(id) as Record<string, unknown> | undefined;
    return r ? toScoredPairRow(r) : undefined;
  }

  /** Events of one pair within [from, to], ascending. */
  events(pairId: number, from: number, to: number): EventSeries {
    const rows = this.eventsStmt.all(pairId, from, to) as [number, number][];
    const ts = new Float64Array(rows.length);
    const bytes = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      ts[i] = r[0];
      bytes[i] = r[1];
    });
    return { ts, bytes };
  }

  recentEvents(pairId: number, limit: number): { ts: number; bytes: number }[] {
    return (this.recentEventsStmt.all(pairId, limit) as [number, number][]).map(([ts, bytes]) => ({ ts, bytes }));
  }

  /** Latest event time in the store (the default `now` of a scan). */
  latestEventTime(): number | null {
    const r = this.db.prepare('SELECT MAX(last_seen) AS t FROM pairs').get() as { t: number | null };
    return r.t;
  }

  counts(): { pairs: number; events: number } {
    const p = this.db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(event_count), 0) AS e FROM pairs').get() as { n: number; e: number };
    return { pairs: p.n, events: p.e };
  }

  setDismissed(pairId: number, dismissed: boolean): boolean {
    return this.db.prepare('UPDATE pairs SET dismissed = ? WHERE id = ?').run(dismissed ? 1 : 0, pairId).changes > 0;
  }

  markNotified(pairIds: readonly number[], at: number): void {
    const stmt = this.db.prepare('UPDATE pairs SET notified_at = ? WHERE id = ? AND notified_at IS NULL');
    this.db.transaction(() => pairIds.forEach((id) => stmt.run(at, id)))();
  }

  /**
   * Drop raw events older than `before` (retention). Pair rows, scores and history stay, and
   * event_count keeps counting what was seen. Works pair by pair through the (pair_id, ts) index
   * in small transactions so the ingest writer is never blocked for long.
   */
  pruneEvents(before: number): number {
    const ids = this.db.prepare('SELECT id FROM pairs WHERE first_seen < ?').pluck().all(before) as number[];
    const del = this.db.prepare('DELETE FROM events WHERE pair_id = ? AND ts < ?');
    let removed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      this.db.transaction(() => {
        for (const id of chunk) removed += del.run(id, before).changes;
      })();
    }
    return removed;
  }
}

function toPairRow(r: Record<string, unknown>): PairRow {
  return {
    id: r.id as number,
    source: r.source as LogSource,
    variant: ((r.variant as string) || null) as PairVariant | null,
    src: r.src as string,
    dst: r.dst as string,
    direction: r.direction as Direction,
    port: (r.port as number | null) ?? null,
    proto: (r.proto as string | null) ?? null,
    service: (r.service as string | null) ?? null,
    firstSeen: r.first_seen as number,
    lastSeen: r.last_seen as number,
    eventCount: r.event_count as number,
    dismissed: r.dismissed === 1,
    notifiedAt: (r.notified_at as number | null) ?? null,
  };
}

function toScoredPairRow(r: Record<string, unknown>): ScoredPairRow {
  return {
    ...toPairRow(r),
    score: (r.score as number | null) ?? null,
    scores: r.scores ? (JSON.parse(r.scores as string) as Record<string, number>) : null,
    stats: r.stats ? (JSON.parse(r.stats as string) as SeriesStats) : null,
    scoredAt: (r.scored_at as number | null) ?? null,
  };
}
