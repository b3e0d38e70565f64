// The events one transaction stores, gathered by the ingest before db/ writes them
// (IngestStore.commitBatch). Owned by the ingest: conn-fast.ts adds to it through its methods;
// db/ reads it as the contract's IngestBatch (engine/contract/ingest-batch.ts) and writes
// nothing back: a batch is committed once, which the batch itself keeps (commit below).
import type { CommitResult, FileProgress, IngestStore } from '../../db/ingest-store.js';
import type { DhcpLease, PairEvent, PairIdMap } from '../contract/types.js';
import { NameEvidenceBatch } from '../pairs/name-evidence.js';
import { TraitBatch } from './trait-batch.js';
import type { BatchSlot, IngestBatch } from '../contract/ingest-batch.js';

/** What one transaction changes on one pair: the contract's slot, its first port/proto/service filled in as rows come. */
export type Touched = { -readonly [K in keyof BatchSlot]: BatchSlot[K] };

/** The ids of pairs already stored (IngestStore implements it). */
export interface StoredPairIds {
  storedPairId(source: string, variant: string, src: string, dst: string): number | undefined;
}

let batchSerial = 0;

/**
 * Events gathered for one transaction, as columns: pair (index into `touched`), ts, bytes. 24
 * bytes an event instead of an object, so a large transaction costs little memory and nothing
 * for the garbage collector to promote. Each ingest keeps its own batch, so two files read at
 * once never mix.
 */
export class EventBatch implements IngestBatch {
  /** names this batch's rows gave to addresses (SNI, Host, DNS answers), deduplicated; also
   * keeps DNS answers apart from SNI/Host claims (see engine/trust/name-backing.ts) */
  readonly names = new NameEvidenceBatch();
  /** per-pair traits (bytes each way, durations, signatures), by slot: trait-batch.ts */
  readonly traits = new TraitBatch();
  touchedIndex = new Uint32Array(4096);
  ts = new Float64Array(4096);
  bytes = new Float64Array(4096);
  n = 0;
  readonly touched: Touched[] = [];
  /** touched index by pair id (stored ids and placeholders) */
  readonly touchedById = new Map<number, number>();
  /** first event of every pair new in this batch (placeholder -(k+1) is newPairs[k]) */
  readonly newPairs: PairEvent[] = [];
  private readonly newPairIds: PairIdMap = new Map();
  /** a batch is committed once (commit) */
  private committed = false;
  /** unique among all batches of the process (an int32): lets a cache keep slots of this batch only */
  readonly serial = ++batchSerial;

  constructor(private readonly stored: StoredPairIds) {}

  /** events added so far */
  get events(): number {
    return this.n;
  }

  /** Add events (the event objects can be dropped right after: only pair, ts, bytes and traits are kept). */
  add(events: readonly PairEvent[]): void {
    for (let i = 0; i < events.length; i++) this.addOne(events[i]!);
  }

  /**
   * Add one event; returns the pair's slot in the batch: a caller that knows an event belongs to
   * the same pair as an earlier one of the batch (the conn fast path) adds it with push(slot, …)
   * without looking the pair up again.
   */
  addOne(e: PairEvent): number {
    const variant = e.variant ?? '';
    let id = this.stored.storedPairId(e.source, variant, e.src, e.dst);
    if (id === undefined) {
      const key = variant ? e.source + variant : e.source;
      let bySrc = this.newPairIds.get(key);
      if (!bySrc) this.newPairIds.set(key, (bySrc = new Map()));
      let byDst = bySrc.get(e.src);
      if (!byDst) bySrc.set(e.src, (byDst = new Map()));
      id = byDst.get(e.dst);
      if (id === undefined) {
        this.newPairs.push(e);
        id = -this.newPairs.length;
        byDst.set(e.dst, id);
      }
    }
    let k = this.touchedById.get(id);
    if (k === undefined) {
      k = this.touched.length;
      this.touched.push({ id, port: e.port, proto: e.proto, service: e.service });
      this.touchedById.set(id, k);
      this.traits.ensure(k);
      this.push(k, e.ts, e.bytes);
      if (e.traits) this.traits.add(k, e.ts, e.traits);
      return k;
    }
    this.push(k, e.ts, e.bytes);
    if (e.traits) this.traits.add(k, e.ts, e.traits);
    // the first known value wins (an early connection may not have its service yet)
    const t = this.touched[k]!;
    if (t.port === null) t.port = e.port;
    if (t.proto === null) t.proto = e.proto;
    if (t.service === null) t.service = e.service;
    return k;
  }

  /** Store the batch with the files' positions in one transaction; a batch is committed once. */
  commit(store: IngestStore, progress: FileProgress | readonly FileProgress[], leases: readonly DhcpLease[] = []): CommitResult {
    if (this.committed) throw new Error('this event batch was already committed');
    this.committed = true;
    return store.commitBatch(this, progress, leases);
  }

  /** the pair in slot k (addOne's result): port/proto/service may be filled in when null */
  slot(k: number): Touched {
    return this.touched[k]!;
  }

  /** Add an event to the pair in slot k (addOne's result). */
  push(k: number, ts: number, bytes: number): void {
    if (this.n === this.ts.length) this.resize(this.ts.length * 2);
    this.touchedIndex[this.n] = k;
    this.ts[this.n] = ts;
    this.bytes[this.n] = bytes;
    this.n++;
  }

  /**
   * Room for `more` events past those added, in one allocation: a reader that expects many rows
   * (a big plain file) spares the doublings from 4,096 (for a million events, eight copies of the
   * columns and ~40 MB allocated for the 20 MB kept). Room never used costs address space only:
   * the zeroed pages of a large typed array become resident when they are written.
   */
  reserve(more: number): void {
    const need = this.n + Math.max(0, Math.floor(more));
    if (need > this.ts.length) this.resize(need);
  }

  private resize(size: number): void {
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

/** Store events with a file's position in one transaction (tests and the benchmark's fill). */
export function commitEvents(
  store: IngestStore,
  progress: FileProgress,
  events: readonly PairEvent[],
  leases: readonly DhcpLease[] = [],
): CommitResult {
  const batch = new EventBatch(store);
  batch.add(events);
  return batch.commit(store, progress, leases);
}
