// Writes what the ingest pipeline reads: pairs, events, device names and each file's read
// position, all of one batch in ONE transaction, so a killed process loses nothing and counts
// nothing twice (the position only moves together with the events it covers).
import type { DhcpLease, PairEvent } from '../engine/types.js';
import type { SqliteDatabase } from './open.js';
import { encode, sortByTime } from './event-chunks.js';

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

/** pair ids by source+variant, then src, then dst: lookups without building a key string */
type PairIdCache = Map<string, Map<string, Map<string, number>>>;

/** What one transaction changes on one pair. */
interface Touched {
  /** the stored id, or -(k+1) for the k-th pair first seen in this batch (id known at commit) */
  id: number;
  min: number;
  max: number;
  n: number;
  /** first port/proto/service known in the batch (fill the pair's when still unknown) */
  port: number | null;
  proto: string | null;
  service: string | null;
  /** next slot of the pair when its events are grouped for its chunk */
  at: number;
}

/**
 * Events gathered for one transaction (IngestStore.newBatch / add / commitBatch), as columns:
 * pair (index into `touched`), ts, bytes. 24 bytes an event instead of an object, so a large
 * transaction costs little memory and nothing for the garbage collector to promote. Each
 * ingest keeps its own batch, so two files read at once never mix.
 */
export class EventBatch {
  touchedIndex = new Uint32Array(1024);
  ts = new Float64Array(1024);
  bytes = new Float64Array(1024);
  n = 0;
  readonly touched: Touched[] = [];
  /** touched index by pair id (stored ids and placeholders) */
  readonly touchedById = new Map<number, number>();
  /** first event of every pair new in this batch (placeholder -(k+1) is newPairs[k]) */
  readonly newPairs: PairEvent[] = [];
  readonly newPairIds: PairIdCache = new Map();
  committed = false;

  /** events added so far */
  get events(): number {
    return this.n;
  }

  push(tIndex: number, ts: number, bytes: number): void {
    if (this.n === this.ts.length) this.grow();
    this.touchedIndex[this.n] = tIndex;
    this.ts[this.n] = ts;
    this.bytes[this.n] = bytes;
    this.n++;
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const t = new Uint32Array(size);
    t.set(this.touchedIndex);
    this.touchedIndex = t;
    const ts = new Float64Array(size);
    ts.set(this.ts);
    this.ts = ts;
    const b = new Float64Array(size);
    b.set(this.bytes);
    this.bytes = b;
  }
}

export class IngestStore {
  private pairIds: PairIdCache | null = null;
  private readonly getFileStmt;
  private readonly upsertFileStmt;
  private readonly insertPairStmt;
  private readonly updatePairStmt;
  private readonly insertChunkStmt;
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
    this.insertChunkStmt = db.prepare('INSERT INTO event_chunks (pair_id, first_ts, last_ts, n, ts, bytes) VALUES (?, ?, ?, ?, ?, ?)');
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
    const batch = this.newBatch();
    this.add(batch, events);
    return this.commitBatch(batch, progress, leases);
  }

  /** An empty batch: add() events to it, then commitBatch() it with the file's new position. */
  newBatch(): EventBatch {
    return new EventBatch();
  }

  /**
   * Add events to a batch (nothing is written yet). The ingest gathers several reader batches
   * this way and commits them in one transaction; the event objects can be dropped right after,
   * as only (pair, ts, bytes) is kept.
   */
  add(batch: EventBatch, events: readonly PairEvent[]): void {
    const ids = this.loadPairIds();
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const variant = e.variant ?? '';
      let id = lookup(ids, e.source, variant, e.src, e.dst);
      if (id === undefined) {
        id = lookup(batch.newPairIds, e.source, variant, e.src, e.dst);
        if (id === undefined) {
          batch.newPairs.push(e);
          id = -batch.newPairs.length;
          remember(batch.newPairIds, e.source, variant, e.src, e.dst, id);
        }
      }
      let k = batch.touchedById.get(id);
      if (k === undefined) {
        k = batch.touched.length;
        batch.touched.push({ id, min: e.ts, max: e.ts, n: 1, port: e.port, proto: e.proto, service: e.service, at: 0 });
        batch.touchedById.set(id, k);
      } else {
        const t = batch.touched[k]!;
        if (e.ts < t.min) t.min = e.ts;
        if (e.ts > t.max) t.max = e.ts;
        t.n++;
        // the first known value wins (an early connection may not have its service yet)
        if (t.port === null) t.port = e.port;
        if (t.proto === null) t.proto = e.proto;
        if (t.service === null) t.service = e.service;
      }
      batch.push(k, e.ts, e.bytes);
    }
  }

  /** Commit a batch's events with the file's new position (and device leases), atomically. */
  commitBatch(batch: EventBatch, progress: FileProgress, leases: readonly DhcpLease[] = []): CommitResult {
    if (batch.committed) throw new Error('this event batch was already committed');
    batch.committed = true;
    try {
      return this.commitTx(batch, progress, leases);
    } catch (err) {
      // Pair ids cached during a rolled-back transaction do not exist: forget the cache.
      this.pairIds = null;
      throw err;
    }
  }

  private commitInTransaction(pending: EventBatch, progress: FileProgress, leases: readonly DhcpLease[]): CommitResult {
    const ids = this.loadPairIds();
    const newPairIds: number[] = [];
    const placeholderIds: number[] = [];
    for (const e of pending.newPairs) {
      const variant = e.variant ?? '';
      // stored meanwhile by another batch (another file read at the same time)?
      let id = lookup(ids, e.source, variant, e.src, e.dst);
      if (id === undefined) {
        const info = this.insertPairStmt.run(e.source, variant, e.src, e.dst, e.direction, e.port, e.proto, e.service, e.ts, e.ts);
        id = Number(info.lastInsertRowid);
        remember(ids, e.source, variant, own(e.src), own(e.dst), id);
        newPairIds.push(id);
      }
      placeholderIds.push(id);
    }
    const touched = pending.touched;
    for (const t of touched) if (t.id < 0) t.id = placeholderIds[-t.id - 1]!;

    // One chunk row per pair: its events of this transaction, sorted by time.
    const n = pending.n;
    let at = 0;
    for (const t of touched) {
      t.at = at;
      at += t.n;
    }
    const order = new Uint32Array(n);
    const tIndex = pending.touchedIndex;
    for (let i = 0; i < n; i++) order[touched[tIndex[i]!]!.at++] = i;
    let from = 0;
    for (const t of touched) {
      const cols = { ts: new Float64Array(t.n), bytes: new Float64Array(t.n) };
      for (let j = 0; j < t.n; j++) {
        const x = order[from + j]!;
        cols.ts[j] = pending.ts[x]!;
        cols.bytes[j] = pending.bytes[x]!;
      }
      from += t.n;
      const sorted = sortByTime(cols);
      this.insertChunkStmt.run(t.id, t.min, t.max, t.n, encode(sorted.ts), encode(sorted.bytes));
    }
    for (const t of touched) this.updatePairStmt.run(t.min, t.max, t.n, t.port, t.proto, t.service, t.id);
    for (const l of leases) this.upsertDeviceStmt.run(l.address, l.hostName, l.mac, l.ts);
    this.upsertFileStmt.run({ ...progress, complete: progress.complete ? 1 : 0, now: Date.now() / 1000 });
    return { newPairIds };
  }

  private loadPairIds(): PairIdCache {
    if (this.pairIds) return this.pairIds;
    const map: PairIdCache = new Map();
    const rows = this.db.prepare('SELECT id, source, variant, src, dst FROM pairs').raw().iterate() as IterableIterator<
      [number, string, string, string, string]
    >;
    for (const [id, source, variant, src, dst] of rows) remember(map, source, variant, src, dst, id);
    this.pairIds = map;
    return map;
  }
}

function lookup(cache: PairIdCache, source: string, variant: string, src: string, dst: string): number | undefined {
  return cache.get(variant ? source + variant : source)?.get(src)?.get(dst);
}

function remember(cache: PairIdCache, source: string, variant: string, src: string, dst: string, id: number): void {
  const key = variant ? source + variant : source;
  let bySrc = cache.get(key);
  if (!bySrc) cache.set(key, (bySrc = new Map()));
  let byDst = bySrc.get(src);
  if (!byDst) bySrc.set(src, (byDst = new Map()));
  byDst.set(dst, id);
}

/**
 * A copy of a string that does not share memory with the text it was cut from: a cached key
 * must not keep a whole 1 MB read chunk alive.
 */
function own(s: string): string {
  return (' ' + s).slice(1);
}
