// Read side of pairs and events, plus the owner's per-pair marks (dismissed, notified).
import type { EventSeries, PairRow, ScoredPairRow } from '../engine/contract/rows.js';
import type { Direction, LogSource, PairVariant, SeriesStats } from '../engine/contract/types.js';
import type { SqliteDatabase } from './open.js';
import { decode, encode, mergeChunks, type EventColumns } from './event-chunks.js';

const PAIR_COLUMNS = `p.id, p.sensor, p.source, p.variant, p.src, p.dst, p.direction, p.port, p.proto, p.service,
  p.first_seen, p.last_seen, p.event_count, p.dismissed, p.notified_at`;

export class PairStore {
  private readonly eventsStmt;
  private readonly listEventsStmt;
  private readonly recentEventsStmt;
  private readonly namesStmt;
  constructor(private readonly db: SqliteDatabase) {
    this.eventsStmt = db.prepare('SELECT ts, bytes FROM event_chunks WHERE pair_id = ? AND last_ts >= ? AND first_ts <= ?').raw();
    // the chunks of a list of pairs (a JSON array of ids), in the order `eventsStmt` yields them
    // per pair (its index: pair_id, last_ts, rowid)
    this.listEventsStmt = db
      .prepare(
        `SELECT pair_id, ts, bytes FROM event_chunks
         WHERE pair_id IN (SELECT value FROM json_each(?)) AND last_ts >= ? AND first_ts <= ?
         ORDER BY pair_id, last_ts, rowid`,
      )
      .raw();
    this.namesStmt = db.prepare('SELECT name FROM address_names WHERE src = ? AND address = ? ORDER BY last_seen DESC LIMIT ?').pluck();
    this.recentEventsStmt = db.prepare('SELECT ts, bytes FROM event_chunks WHERE pair_id = ? AND first_ts <= ? ORDER BY last_ts DESC').raw();
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

  /** Per source address: its pairs and its newest sighting (the device list, without reading every score). */
  deviceSightings(): { sensor: string; src: string; pairs: number; lastSeen: number }[] {
    return this.db.prepare('SELECT sensor, src, COUNT(*) AS pairs, MAX(last_seen) AS lastSeen FROM pairs GROUP BY sensor, src').all() as {
      sensor: string;
      src: string;
      pairs: number;
      lastSeen: number;
    }[];
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
    const rows = this.eventsStmt.all(pairId, from, to) as [Buffer, Buffer][];
    return mergeChunks(
      rows.map(([ts, bytes]) => ({ ts: decode(ts), bytes: decode(bytes) })),
      from,
      to,
    );
  }

  /**
   * `events` of several pairs in one query: what a rescore reads block after block. Pairs
   * without events in [from, to] are absent from the map.
   */
  eventsOfPairs(pairIds: readonly number[], from: number, to: number): Map<number, EventSeries> {
    const out = new Map<number, EventSeries>();
    if (pairIds.length === 0) return out;
    const rows = this.listEventsStmt.all(JSON.stringify(pairIds), from, to) as [number, Buffer, Buffer][];
    let chunks: EventColumns[] = [];
    for (let i = 0; i < rows.length; i++) {
      const [id, ts, bytes] = rows[i]!;
      chunks.push({ ts: decode(ts), bytes: decode(bytes) });
      if (i + 1 < rows.length && rows[i + 1]![0] === id) continue;
      out.set(id, mergeChunks(chunks, from, to));
      chunks = [];
    }
    return out;
  }

  /** The pair's newest `limit` events at or before `until` (default: the newest of all), newest first. */
  recentEvents(pairId: number, limit: number, until = Infinity): { ts: number; bytes: number }[] {
    const chunks = [];
    let n = 0;
    for (const [ts, bytes] of this.recentEventsStmt.iterate(pairId, until) as IterableIterator<[Buffer, Buffer]>) {
      const chunk = { ts: decode(ts), bytes: decode(bytes) };
      chunks.push(chunk);
      for (const t of chunk.ts) if (t <= until) n++;
      if (n >= limit) break;
    }
    const all = mergeChunks(chunks, -Infinity, until);
    const out: { ts: number; bytes: number }[] = [];
    for (let i = all.ts.length - 1; i >= 0 && out.length < limit; i--) out.push({ ts: all.ts[i]!, bytes: all.bytes[i]! });
    return out;
  }

  /**
   * Events stored in chunks that begin at or after `ts` (seconds): what arrived after a moment,
   * whatever file it came from. A chunk holds one pair's events of one commit, so a chunk that
   * straddles `ts` (begun by an older event) is left out: the count never includes old data.
   */
  eventsFrom(ts: number): number {
    const r = this.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks WHERE first_ts >= ?').get(ts) as { n: number };
    return r.n;
  }

  /** Events held in the store (after retention), as opposed to pairs.event_count (ever seen). */
  storedEventCount(): number {
    return (this.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n;
  }

  /** Every stored event time, ascending (tests and diagnostics). */
  allEventTimes(): number[] {
    const rows = this.db.prepare('SELECT ts, bytes FROM event_chunks').raw().all() as [Buffer, Buffer][];
    return Array.from(mergeChunks(rows.map(([ts, bytes]) => ({ ts: decode(ts), bytes: decode(bytes) }))).ts);
  }

  /** Stored events per hour (start of the hour, epoch s), ascending: which days hold data. */
  eventHours(): { start: number; events: number }[] {
    const counts = new Map<number, number>();
    for (const [ts] of this.db.prepare('SELECT ts FROM event_chunks').raw().iterate() as IterableIterator<[Buffer]>) {
      for (const t of decode(ts)) {
        const h = Math.floor(t / 3600) * 3600;
        counts.set(h, (counts.get(h) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => a[0] - b[0]).map(([start, events]) => ({ start, events }));
  }

  /** The oldest event still stored (after retention), null when none. */
  oldestStoredEvent(): number | null {
    return (this.db.prepare('SELECT MIN(first_ts) AS t FROM event_chunks').get() as { t: number | null }).t;
  }

  /** Names this device used for the address (SNI, Host, DNS answers), most recent first. */
  namesFor(src: string, address: string, limit = 3): string[] {
    return this.namesStmt.all(src, address, limit) as string[];
  }

  /** Latest event time in the store (the default `now` of a scan). */
  latestEventTime(): number | null {
    const r = this.db.prepare('SELECT MAX(last_seen) AS t FROM pairs').get() as { t: number | null };
    return r.t;
  }

  /** First event time in the store (where "present since the first logs" starts). */
  firstEventTime(): number | null {
    const r = this.db.prepare('SELECT MIN(first_seen) AS t FROM pairs').get() as { t: number | null };
    return r.t;
  }

  /** the newest `last_seen` values, newest first (for a latest time robust to a few outliers) */
  latestPairTimes(limit: number): { t: number; events: number }[] {
    return this.db.prepare('SELECT last_seen AS t, event_count AS events FROM pairs ORDER BY last_seen DESC LIMIT ?').all(limit) as {
      t: number;
      events: number;
    }[];
  }

  /**
   * Pairs with an event in [start, end] and those with none in it (with their events): what a
   * window left out, for the coverage sentence. By first/last seen, so a pair that straddles the
   * window counts as in it.
   */
  windowCoverage(start: number, end: number): { inWindow: number; outside: number; eventsOutside: number } {
    const r = this.db
      .prepare(
        `SELECT COALESCE(SUM(last_seen >= @start AND first_seen <= @end), 0) AS i,
                COALESCE(SUM(last_seen < @start OR first_seen > @end), 0) AS o,
                COALESCE(SUM(CASE WHEN last_seen < @start OR first_seen > @end THEN event_count ELSE 0 END), 0) AS e
           FROM pairs`,
      )
      .get({ start, end }) as { i: number; o: number; e: number };
    return { inWindow: r.i, outside: r.o, eventsOutside: r.e };
  }

  /**
   * A sensor renamed in Settings (same folder, new name): its pairs, devices and files move to the
   * new name in one transaction, so the folder's data stays one sensor. Refused (false) when the
   * new name already holds pairs: two sensors' data are never merged by a rename.
   */
  renameSensor(from: string, to: string): boolean {
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM pairs WHERE sensor = ? LIMIT 1').get(to)) return false;
      for (const table of ['pairs', 'devices', 'log_files']) this.db.prepare(`UPDATE ${table} SET sensor = ? WHERE sensor = ?`).run(to, from);
      return true;
    })();
  }

  /** Pairs and events seen per sensor (the status says what each sensor's folder gave). */
  sensorCounts(): { sensor: string; pairs: number; events: number; lastSeen: number }[] {
    return this.db
      .prepare(
        'SELECT sensor, COUNT(*) AS pairs, COALESCE(SUM(event_count), 0) AS events, MAX(last_seen) AS lastSeen FROM pairs GROUP BY sensor ORDER BY sensor',
      )
      .all() as { sensor: string; pairs: number; events: number; lastSeen: number }[];
  }

  counts(): { pairs: number; events: number } {
    const p = this.db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(event_count), 0) AS e FROM pairs').get() as { n: number; e: number };
    return { pairs: p.n, events: p.e };
  }

  setDismissed(pairId: number, dismissed: boolean): boolean {
    return this.db.prepare('UPDATE pairs SET dismissed = ? WHERE id = ?').run(dismissed ? 1 : 0, pairId).changes > 0;
  }

  /** New directions for stored pairs (new local networks, engine/pairs/rederive-direction.ts). */
  setDirections(updates: readonly { id: number; direction: Direction }[]): void {
    const stmt = this.db.prepare('UPDATE pairs SET direction = ? WHERE id = ?');
    this.db.transaction(() => updates.forEach((u) => stmt.run(u.direction, u.id)))();
  }

  markNotified(pairIds: readonly number[], at: number): void {
    const stmt = this.db.prepare('UPDATE pairs SET notified_at = ? WHERE id = ? AND notified_at IS NULL');
    this.db.transaction(() => pairIds.forEach((id) => stmt.run(at, id)))();
  }

  /**
   * Drop raw events older than `before` (retention) and merge the small chunks a live tail
   * leaves behind. Pair rows, scores and history stay, and event_count keeps counting what was
   * seen. Pair by pair, in small transactions, so the ingest writer is never blocked for long.
   */
  pruneEvents(before: number): number {
    const ids = this.db
      .prepare('SELECT pair_id FROM event_chunks GROUP BY pair_id HAVING MIN(first_ts) < ? OR COUNT(*) > ?')
      .pluck()
      .all(before, MAX_CHUNKS_PER_PAIR) as number[];
    const select = this.db.prepare('SELECT ts, bytes FROM event_chunks WHERE pair_id = ?').raw();
    const del = this.db.prepare('DELETE FROM event_chunks WHERE pair_id = ?');
    const insert = this.db.prepare('INSERT INTO event_chunks (pair_id, first_ts, last_ts, n, ts, bytes) VALUES (?, ?, ?, ?, ?, ?)');
    let removed = 0;
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      this.db.transaction(() => {
        for (const id of chunk) {
          const rows = select.all(id) as [Buffer, Buffer][];
          const decoded = rows.map(([ts, bytes]) => ({ ts: decode(ts), bytes: decode(bytes) }));
          const before_ = decoded.reduce((a, c) => a + c.ts.length, 0);
          const kept = mergeChunks(decoded, before);
          removed += before_ - kept.ts.length;
          del.run(id);
          for (let k = 0; k < kept.ts.length; k += EVENTS_PER_MERGED_CHUNK) {
            const ts = kept.ts.subarray(k, k + EVENTS_PER_MERGED_CHUNK);
            const bytes = kept.bytes.subarray(k, k + EVENTS_PER_MERGED_CHUNK);
            insert.run(id, ts[0], ts[ts.length - 1], ts.length, encode(ts), encode(bytes));
          }
        }
      })();
    }
    return removed;
  }
}

/** A pair with more chunks than this is merged at the next prune (every rescore). */
const MAX_CHUNKS_PER_PAIR = 32;
const EVENTS_PER_MERGED_CHUNK = 8192;

function toPairRow(r: Record<string, unknown>): PairRow {
  return {
    id: r.id as number,
    sensor: r.sensor as string,
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
