// What the ingest hands the store to commit: one transaction's events as plain columns, read
// only. engine/ingest/event-batch.ts (EventBatch) and trait-batch.ts (TraitBatch) fill it; db's
// IngestStore and TraitStore read it and never write into it (a commit's own figures — each
// pair's count, span and stored id — stay in the store's locals), so the two rooms meet only
// here and no import points back from db/ into engine/ingest/.
import type { PairEvent } from './types.js';

/** One pair's slot in the batch (slot k of `touched`). */
export interface BatchSlot {
  /** the stored id, or -(k+1) for the k-th pair first seen in this batch (`newPairs[k]`) */
  readonly id: number;
  /** first port/proto/service known in the batch (fill the pair's when still unknown) */
  readonly port: number | null;
  readonly proto: string | null;
  readonly service: string | null;
}

export type SignatureKind = 'ua' | 'ja3' | 'ja4';

export interface SignatureSeen {
  count: number;
  first: number;
  last: number;
}

/** a slot's user agents / TLS fingerprints and MIME/URI mismatches (few slots have any) */
export interface SlotExtras {
  signatures: Map<SignatureKind, Map<string, SignatureSeen>>;
  mismatches: number;
  mismatchExample: string | null;
}

/** A slot's totals over the batch's rows (rows 0: its rows carried no traits). */
export interface TraitTotals {
  rows: number;
  sent: number;
  received: number;
  /** rows with a duration, their sum and the longest one (with its time and bytes) */
  durations: number;
  durationSum: number;
  durationMax: number;
  longestTs: number;
  longestBytes: number;
}

/** Per-slot traits: bytes each way, durations, signatures (RITA's modifiers). */
export interface BatchTraits {
  totals(k: number): TraitTotals;
  readonly extras: ReadonlyMap<number, SlotExtras>;
}

/** One transaction's events: event i belongs to slot `touchedIndex[i]`, at `ts[i]` with `bytes[i]`. */
export interface IngestBatch {
  /** events in the batch (the arrays may be longer) */
  readonly n: number;
  readonly touchedIndex: ArrayLike<number>;
  readonly ts: ArrayLike<number>;
  readonly bytes: ArrayLike<number>;
  readonly touched: readonly BatchSlot[];
  /** slot by pair id (stored ids and placeholders) */
  readonly touchedById: ReadonlyMap<number, number>;
  /** the first event of every pair new in this batch (placeholder -(k+1) is newPairs[k]) */
  readonly newPairs: readonly PairEvent[];
  readonly traits: BatchTraits;
}
