// Writes what the ingest pipeline reads: pairs, events, device names and each file's read
// position, all of one batch in ONE transaction, so a killed process loses nothing and counts
// nothing twice (the position only moves together with the events it covers).
import type { DhcpLease, PairIdMap } from '../engine/contract/types.js';
import type { SqliteDatabase } from './open.js';
import { encode, sortRangeByTime } from './event-chunks.js';
import type { IngestBatch } from '../engine/contract/ingest-batch.js';
import type { NameEvidenceBatch } from '../engine/pairs/name-evidence.js';

/** a batch with the name evidence its rows gave (engine/ingest/event-batch.ts builds it) */
export type CommitBatch = IngestBatch & { readonly names: NameEvidenceBatch };
import { TraitStore } from './trait-store.js';

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

/** the default sensor's name: engine/contract/sensors.ts DEFAULT_SENSOR (db/ imports engine types only), migration 9's column default */
export const DEFAULT_SENSOR = 'sensor';

/**
 * One sensor's writer: pairs it inserts, and the device names its leases give, carry its sensor
 * (a per-file fact, so the conn fast path's rows need no extra column); its pair-id cache holds
 * that sensor's pairs only, so the same src→dst seen by two sensors is two pairs.
 */
export class IngestStore {
  private pairIds: PairIdMap | null = null;
  private readonly getFileStmt;
  private readonly upsertFileStmt;
  private readonly insertPairStmt;
  private readonly updatePairStmt;
  private readonly insertChunkStmt;
  private readonly upsertDeviceStmt;
  private readonly upsertNameStmt;
  private readonly evidenceStmts;
  private readonly traits: TraitStore;
  private readonly commitTx;
  private readonly positionTx;

  constructor(
    private readonly db: SqliteDatabase,
    readonly sensor: string = DEFAULT_SENSOR,
  ) {
    this.getFileStmt = db.prepare('SELECT * FROM log_files WHERE fingerprint = ?');
    this.upsertFileStmt = db.prepare(`
      INSERT INTO log_files (fingerprint, kind, path, offset, lines, events, complete, updated_at, sensor)
      VALUES (@fingerprint, @kind, @path, @offset, @lines, @events, @complete, @now, @sensor)
      ON CONFLICT (fingerprint) DO UPDATE SET path = excluded.path, offset = excluded.offset,
        lines = lines + excluded.lines, events = events + excluded.events,
        complete = excluded.complete, updated_at = excluded.updated_at`);
    this.insertPairStmt = db.prepare(`
      INSERT INTO pairs (source, variant, src, dst, direction, port, proto, service, first_seen, last_seen, event_count, sensor)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updatePairStmt = db.prepare(`
      UPDATE pairs SET first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?),
        event_count = event_count + ?, port = COALESCE(port, ?), proto = COALESCE(proto, ?),
        service = COALESCE(service, ?)
      WHERE id = ?`);
    this.insertChunkStmt = db.prepare('INSERT INTO event_chunks (pair_id, first_ts, last_ts, n, ts, bytes) VALUES (?, ?, ?, ?, ?, ?)');
    this.upsertDeviceStmt = db.prepare(`
      INSERT INTO devices (address, host_name, mac, seen_at, sensor) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (sensor, address) DO UPDATE SET
        host_name = CASE WHEN excluded.seen_at >= COALESCE(seen_at, 0) THEN COALESCE(excluded.host_name, host_name) ELSE host_name END,
        mac = CASE WHEN excluded.seen_at >= COALESCE(seen_at, 0) THEN COALESCE(excluded.mac, mac) ELSE mac END,
        seen_at = MAX(COALESCE(seen_at, 0), excluded.seen_at)`);
    this.upsertNameStmt = db.prepare(`
      INSERT INTO address_names (src, address, name, last_seen) VALUES (?, ?, ?, ?)
      ON CONFLICT (src, address, name) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen)`);
    this.evidenceStmts = {
      answer: db.prepare(`
        INSERT INTO dns_answers (name, address, first_seen, last_seen, ttl) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (name, address) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen),
          last_seen = MAX(last_seen, excluded.last_seen), ttl = MAX(COALESCE(ttl, excluded.ttl), COALESCE(excluded.ttl, ttl))`),
      claim: db.prepare(`
        INSERT INTO name_claims (src, address, name, how, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (src, name, address, how) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen),
          last_seen = MAX(last_seen, excluded.last_seen)`),
      resolver: db.prepare(`
        INSERT INTO dns_resolvers (src, server, first_seen, last_seen, responses) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (src, server) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen),
          last_seen = MAX(last_seen, excluded.last_seen), responses = responses + excluded.responses`),
      dhcp: db.prepare(`
        INSERT INTO dhcp_servers (server, first_seen, last_seen) VALUES (?, ?, ?)
        ON CONFLICT (server) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen),
          last_seen = MAX(last_seen, excluded.last_seen)`),
    };
    this.traits = new TraitStore(db);
    this.commitTx = db.transaction(this.commitInTransaction.bind(this));
    this.positionTx = db.transaction((p: FileProgress) => this.upsertFile(p, Date.now() / 1000));
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

  /** The id of a stored pair (for the ingest's batch: events of known pairs need no insert). */
  storedPairId(source: string, variant: string, src: string, dst: string): number | undefined {
    return lookup(this.loadPairIds(), source, variant, src, dst);
  }

  /**
   * Store a batch's events (with the device leases and name evidence its rows gave) and move
   * the files' positions, in one transaction. With several positions (one transaction over
   * several files: engine/ingest/committer.ts, IngestGroup), the batch holds exactly the events
   * those positions cover. Nothing read is lost or counted twice if the process dies.
   */
  commitBatch(batch: CommitBatch, progress: FileProgress | readonly FileProgress[], leases: readonly DhcpLease[] = []): CommitResult {
    try {
      return this.commitTx(batch, progress, leases);
    } catch (err) {
      // Pair ids cached during a rolled-back transaction do not exist: forget the cache.
      this.pairIds = null;
      throw err;
    }
  }

  /** Move a file's position (no events: a header-only read, a completion), atomically. */
  commitPosition(progress: FileProgress): void {
    this.positionTx(progress);
  }

  private commitInTransaction(pending: CommitBatch, progress: FileProgress | readonly FileProgress[], leases: readonly DhcpLease[]): CommitResult {
    const ids = this.loadPairIds();
    const newPairIds: number[] = [];
    const touched = pending.touched;
    const slots = touched.length;

    // One chunk row per pair: its events of this transaction, sorted by time. A stable counting
    // sort by pair puts each pair's events side by side (in arrival order), then each pair's run
    // is sorted by time in place and stored as views of the two arrays. Each slot's count, span
    // and stored id are this commit's own (the batch is read, never written).
    const n = pending.n;
    const tIndex = pending.touchedIndex;
    const count = new Int32Array(slots);
    const next = new Int32Array(slots);
    for (let i = 0; i < n; i++) next[tIndex[i]!]!++;
    let at = 0;
    for (let k = 0; k < slots; k++) {
      const c = next[k]!;
      count[k] = c;
      next[k] = at;
      at += c;
    }
    const ts = new Float64Array(n);
    const bytes = new Float64Array(n);
    const pts = pending.ts;
    const pbytes = pending.bytes;
    for (let i = 0; i < n; i++) {
      const j = next[tIndex[i]!]!++;
      ts[j] = pts[i]!;
      bytes[j] = pbytes[i]!;
    }
    const starts = new Int32Array(slots);
    const min = new Float64Array(slots);
    const max = new Float64Array(slots);
    let from = 0;
    for (let k = 0; k < slots; k++) {
      const to = from + count[k]!;
      sortRangeByTime(ts, bytes, from, to);
      min[k] = ts[from]!;
      max[k] = ts[to - 1]!;
      starts[k] = from;
      from = to;
    }

    // New pairs are inserted with their batch's span and count; only pairs already stored need
    // an update (one statement per pair instead of two: most pairs of a scan are new).
    const placeholderIds: number[] = [];
    const insertedWhole = new Set<number>();
    for (const [j, e] of pending.newPairs.entries()) {
      const variant = e.variant ?? '';
      // stored meanwhile by another batch (another file read at the same time)?
      let id = lookup(ids, e.source, variant, e.src, e.dst);
      if (id === undefined) {
        const k = pending.touchedById.get(-(j + 1))!;
        const t = touched[k]!;
        const info = this.insertPairStmt.run(
          e.source,
          variant,
          e.src,
          e.dst,
          e.direction,
          t.port,
          t.proto,
          t.service,
          min[k],
          max[k],
          count[k],
          this.sensor,
        );
        id = Number(info.lastInsertRowid);
        remember(ids, e.source, variant, own(e.src), own(e.dst), id);
        newPairIds.push(id);
        insertedWhole.add(id);
      }
      placeholderIds.push(id);
    }
    const storedId = new Float64Array(slots);
    for (let k = 0; k < slots; k++) {
      const t = touched[k]!;
      const id = t.id < 0 ? placeholderIds[-t.id - 1]! : t.id;
      storedId[k] = id;
      const a = starts[k]!;
      const c = count[k]!;
      this.insertChunkStmt.run(id, min[k], max[k], c, encode(ts.subarray(a, a + c)), encode(bytes.subarray(a, a + c)));
      if (!insertedWhole.has(id)) this.updatePairStmt.run(min[k], max[k], c, t.port, t.proto, t.service, id);
    }
    // bytes each way, durations, signatures: in this transaction, so they resume like the events
    this.traits.write(pending.traits, storedId);
    for (const l of leases) {
      if (l.hostName || l.mac) this.upsertDeviceStmt.run(l.address, l.hostName, l.mac, l.ts, this.sensor);
      if (l.server) this.evidenceStmts.dhcp.run(l.server, l.ts, l.ts);
    }
    for (const a of pending.names.values()) this.upsertNameStmt.run(a.src, a.address, a.name, a.ts);
    this.writeEvidence(pending.names);
    const now = Date.now() / 1000;
    for (const p of Array.isArray(progress) ? (progress as readonly FileProgress[]) : [progress as FileProgress]) this.upsertFile(p, now);
    return { newPairIds };
  }

  private upsertFile(p: FileProgress, now: number): void {
    this.upsertFileStmt.run({ ...p, complete: p.complete ? 1 : 0, now, sensor: this.sensor });
  }

  private writeEvidence(b: NameEvidenceBatch): void {
    const s = this.evidenceStmts;
    for (const a of b.answers.values()) s.answer.run(a.name, a.address, a.first, a.last, a.ttl);
    for (const c of b.claims.values()) s.claim.run(c.src, c.address, c.name, c.how, c.first, c.last);
    for (const r of b.resolvers.values()) s.resolver.run(r.src, r.server, r.first, r.last, r.responses);
  }

  private loadPairIds(): PairIdMap {
    if (this.pairIds) return this.pairIds;
    const map: PairIdMap = new Map();
    const rows = this.db.prepare('SELECT id, source, variant, src, dst FROM pairs WHERE sensor = ?').raw().iterate(this.sensor) as IterableIterator<
      [number, string, string, string, string]
    >;
    for (const [id, source, variant, src, dst] of rows) remember(map, source, variant, src, dst, id);
    this.pairIds = map;
    return map;
  }
}

function lookup(cache: PairIdMap, source: string, variant: string, src: string, dst: string): number | undefined {
  return cache
    .get(variant ? source + variant : source)
    ?.get(src)
    ?.get(dst);
}

function remember(cache: PairIdMap, source: string, variant: string, src: string, dst: string, id: number): void {
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
