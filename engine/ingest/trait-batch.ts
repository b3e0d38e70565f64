// The per-pair traits one transaction gathers besides the events (RITA's modifiers need them):
// bytes sent and received, connection durations, and the small sets of user agents, TLS
// fingerprints and MIME/URI mismatches. Kept by the pair's slot in the EventBatch, as columns,
// so the conn fast path adds a row's values with a few array writes and no object.
// db/trait-store.ts writes them in the batch's own transaction: they resume and survive a crash
// exactly as the events do.
import type { EventTraits } from '../contract/types.js';
import type { BatchTraits, SignatureKind, SlotExtras, TraitTotals } from '../contract/ingest-batch.js';

/** how many distinct values of one kind a pair keeps (a client sending a new user agent each time must not fill the store) */
export const MAX_SIGNATURES = 16;
/** stored values are cut to this length */
export const MAX_SIGNATURE_CHARS = 256;

/** a slot's values, side by side in `cols` (one cache line per slot: the fast path touches one) */
export const T_ROWS = 0;
export const T_SENT = 1;
export const T_RECEIVED = 2;
/** rows with a duration, their sum and the longest one (with its time and bytes) */
export const T_DURATIONS = 3;
export const T_DURATION_SUM = 4;
export const T_DURATION_MAX = 5;
export const T_LONGEST_TS = 6;
export const T_LONGEST_BYTES = 7;
export const T_STRIDE = 8;

export class TraitBatch implements BatchTraits {
  /** T_STRIDE values per slot; T_ROWS 0: the slot's rows carried no traits (no trait row) */
  cols = new Float64Array(256 * T_STRIDE);
  readonly extras = new Map<number, SlotExtras>();

  /** room for slot k (called when a slot is made, so the hot path needs no bounds check) */
  ensure(k: number): void {
    if ((k + 1) * T_STRIDE <= this.cols.length) return;
    const a = new Float64Array(Math.max((k + 1) * T_STRIDE, this.cols.length * 2));
    a.set(this.cols);
    this.cols = a;
  }

  /** slot k's value at offset `at` (T_SENT…) */
  get(k: number, at: number): number {
    return this.cols[k * T_STRIDE + at]!;
  }

  /** slot k's totals, named (what the store writes at commit: one object a pair, not a row) */
  totals(k: number): TraitTotals {
    const c = this.cols;
    const o = k * T_STRIDE;
    return {
      rows: c[o + T_ROWS]!,
      sent: c[o + T_SENT]!,
      received: c[o + T_RECEIVED]!,
      durations: c[o + T_DURATIONS]!,
      durationSum: c[o + T_DURATION_SUM]!,
      durationMax: c[o + T_DURATION_MAX]!,
      longestTs: c[o + T_LONGEST_TS]!,
      longestBytes: c[o + T_LONGEST_BYTES]!,
    };
  }

  /** a conn row's values (the fast path); `duration` < 0: unset */
  conn(k: number, ts: number, sent: number, received: number, duration: number): void {
    const c = this.cols;
    const o = k * T_STRIDE;
    c[o]!++;
    c[o + T_SENT]! += sent;
    c[o + T_RECEIVED]! += received;
    if (duration >= 0) {
      const n = ++c[o + T_DURATIONS]!;
      c[o + T_DURATION_SUM]! += duration;
      if (n === 1 || duration > c[o + T_DURATION_MAX]!) this.longest(o, ts, duration, sent + received);
    }
  }

  /** a new longest connection (rare: kept out of conn() so the hot path stays small) */
  private longest(o: number, ts: number, duration: number, bytes: number): void {
    const c = this.cols;
    c[o + T_DURATION_MAX] = duration;
    c[o + T_LONGEST_TS] = ts;
    c[o + T_LONGEST_BYTES] = bytes;
  }

  /** any row's traits (the row path: extract() made them) */
  add(k: number, ts: number, t: EventTraits): void {
    this.conn(k, ts, t.sent, t.received, t.duration ?? -1);
    if (!t.userAgent && !t.ja3 && !t.ja4 && !t.mimeMismatch) return;
    let x = this.extras.get(k);
    if (!x) this.extras.set(k, (x = { signatures: new Map(), mismatches: 0, mismatchExample: null }));
    if (t.userAgent) signature(x, 'ua', t.userAgent, ts);
    if (t.ja3) signature(x, 'ja3', t.ja3, ts);
    if (t.ja4) signature(x, 'ja4', t.ja4, ts);
    if (t.mimeMismatch) {
      x.mismatches++;
      x.mismatchExample ??= t.mimeMismatch.slice(0, MAX_SIGNATURE_CHARS);
    }
  }
}

function signature(x: SlotExtras, kind: SignatureKind, raw: string, ts: number): void {
  const value = raw.slice(0, MAX_SIGNATURE_CHARS);
  let byValue = x.signatures.get(kind);
  if (!byValue) x.signatures.set(kind, (byValue = new Map()));
  const s = byValue.get(value);
  if (s) {
    s.count++;
    s.first = Math.min(s.first, ts);
    s.last = Math.max(s.last, ts);
  } else if (byValue.size < MAX_SIGNATURES) byValue.set(value, { count: 1, first: ts, last: ts });
}
