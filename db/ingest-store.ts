// Writes what the ingest pipeline reads: pairs, events, device names and each file's read
// position, all of one batch in ONE transaction, so a killed process loses nothing and counts
// nothing twice (the position only moves together with the events it covers).
import type { DhcpLease, PairEvent } from '../engine/types.js';
import type { SqliteDatabase } from './open.js';

export interface FileRecord {
  fingerprint: string;
  kind: string;
  path: string;
  /** uncompressed byte offset read so far (a line boundary) */
  offset: number;
  lines: number;
  events: number;
  complete: boolean;
  updatedAt: number;
}

/** The new position of a file after a batch; `lines`/`events` are the batch's own counts. */
export interface FileProgress {
  fingerprint: string;
  kind: string;
  path: string;
  offset: number;
  lines: number;
  events: number;
  complete: boolean;
}

export interface CommitResult {
  newPairIds: number[];
}

interface CachedPair {
  id: number;
}

const EVENT_ROWS_PER_INSERT = 100;

export class IngestStore {
  private pairIds: Map<string, CachedPair> | null = null;
  private readonly getFileStmt;
  private readonly upsertFileStmt;
  private readonly insertPairStmt;
  private readonly updatePairStmt;
  private readonly insertEventStmt;
  private readonly insertEventsStmt;
  private readonly upsertDeviceStmt;
  private readonly commitTx;

  constructor(private readonly db: SqliteDatabase) {
    this.getFileStmt = db.prepare('SELECT * FROM log_files WHERE fingerprint = ?');
    this.upsertFileStmt = db.prepare(`
      INSERT INTO log_files (fingerprint, kind, path, offset, lines, events, complete, updated_at)
      VALUES (@fingerprint, @kind, @path, @offset, @lines, @events, @complete, @now)
      ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path, offset = excluded.offset,
        lines = lines + excluded.lines, events = events + excluded.events,
        complete = excluded.complete, updated_at = excluded.updated_at`);
    this.insertPairStmt = db.prepare(`
      INSERT INTO pairs (source, variant, src, dst, direction, port, proto, service, first_seen, last_seen, event_count)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);
    this.updatePairStmt = db.prepare(`
      UPDATE pairs SET first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?),
        event_count = event_count + ?, port = COALESCE(port, ?), proto = COALESCE(proto, ?),
        service = COALESCE(service, ?)
      WHERE id = ?`);
    this.insertEventStmt = db.prepare('INSERT INTO events (pair_id, ts, bytes) VALUES (?, ?, ?)');
    this.insertEventsStmt = db.prepare(
      'INSERT INTO events (pair_id, ts, bytes) VALUES ' + Array(EVENT_ROWS_PER_INSERT).fill('(?, ?, ?)').join(', '),
    );
    this.upsertDeviceStmt = db.prepare(`
      INSERT INTO devices (address, host_name, mac, seen_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (address) DO UPDATE SET
        host_name = CASE WHEN excluded.seen_at >= COALESCE(seen_at, 0) THEN COALESCE(excluded.host_name, host_name) ELSE host_name END,
        mac = CASE WHEN excluded.seen_at >= COALESCE(seen_at, 0) THEN COALESCE(excluded.mac, mac) ELSE mac END,
        seen_at = MAX(COALESCE(seen_at, 0), excluded.seen_at)`);
    this.commitTx = db.transaction(this.commitInTransaction.bind(this));
  }

  getFile(fingerprint: string): FileRecord | undefined {
    const r = this.getFileStmt.get(fingerprint) as Record<string, unknown> | undefined;
    if (!r) return undefined;
    return {
      fingerprint: r.fingerprint as string,
      kind: r.kind as string,
      path: r.path as string,
      offset: r.offset as number,
      lines: r.lines as number,
      events: r.events as number,
      complete: r.complete === 1,
      updatedAt: r.updated_at as number,
    };
  }

  /** Store a batch's events and device leases and move the file's position, atomically. */
  commit(progress: FileProgress, events: readonly PairEvent[], leases: readonly DhcpLease[] = []): CommitResult {
    try {
      return this.commitTx(progress, events, leases);
    } catch (err) {
      // Pair ids cached during a rolled-back transaction do not exist: forget the cache.
      this.pairIds = null;
      throw err;
    }
  }

  private commitInTransaction(progress: FileProgress, events: readonly PairEvent[], leases: readonly DhcpLease[]): CommitResult {
    const ids = this.loadPairIds();
    const newPairIds: number[] = [];
    const touched = new Map<number, { min: number; max: number; n: number; e: PairEvent }>();
    const params: number[] = [];
    for (const e of events) {
      const key = pairCacheKey(e.source, e.variant, e.src, e.dst);
      let cached = ids.get(key);
      if (!cached) {
        const info = this.insertPairStmt.run(e.source, e.variant ?? '', e.src, e.dst, e.direction, e.port, e.proto, e.service, e.ts, e.ts);
        cached = { id: Number(info.lastInsertRowid) };
        ids.set(key, cached);
        newPairIds.push(cached.id);
      }
      const t = touched.get(cached.id);
      if (t) {
        if (e.ts < t.min) t.min = e.ts;
        if (e.ts > t.max) t.max = e.ts;
        t.n++;
      } else touched.set(cached.id, { min: e.ts, max: e.ts, n: 1, e });
      params.push(cached.id, e.ts, e.bytes);
      if (params.length === EVENT_ROWS_PER_INSERT * 3) {
        this.insertEventsStmt.run(params);
        params.length = 0;
      }
    }
    for (let i = 0; i < params.length; i += 3) this.insertEventStmt.run(params[i], params[i + 1], params[i + 2]);
    for (const [id, t] of touched) {
      this.updatePairStmt.run(t.min, t.max, t.n, t.e.port, t.e.proto, t.e.service, id);
    }
    for (const l of leases) this.upsertDeviceStmt.run(l.address, l.hostName, l.mac, l.ts);
    this.upsertFileStmt.run({ ...progress, complete: progress.complete ? 1 : 0, now: Date.now() / 1000 });
    return { newPairIds };
  }

  private loadPairIds(): Map<string, CachedPair> {
    if (this.pairIds) return this.pairIds;
    const map = new Map<string, CachedPair>();
    const rows = this.db.prepare('SELECT id, source, variant, src, dst FROM pairs').raw().iterate() as IterableIterator<
      [number, string, string, string, string]
    >;
    for (const [id, source, variant, src, dst] of rows) map.set(pairCacheKey(source, variant || null, src, dst), { id });
    this.pairIds = map;
    return map;
  }
}

function pairCacheKey(source: string, variant: string | null, src: string, dst: string): string {
  return `${source}\u0000${variant ?? ''}\u0000${src}\u0000${dst}`;
}
