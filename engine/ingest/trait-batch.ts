// The per-pair traits one transaction gathers besides the events (RITA's modifiers need them):
// bytes sent and received, connection durations, and the small sets of user agents, TLS
// fingerprints and MIME/URI mismatches. Kept by the pair's slot in the EventBatch, as columns,
// so the conn fast path adds a row's values with a few array writes and no object.
// db/trait-store.ts writes them in the batch's own transaction: they resume and survive a crash
// exactly as the events do.
import type { EventTraits } from '../contract/types.js';

export type SignatureKind = 'ua' | 'ja3' | 'ja4';

/** how many distinct values of one kind a pair keeps (a client sending a new user agent each time must not fill the store) */
export const MAX_SIGNATURES = 16;
/** stored values are cut to this length */
export const MAX_SIGNATURE_CHARS = 256;

export interface SignatureSeen {
  count: number;
  first: number;
  last: number;
}

export interface SlotExtras {
  signatures: Map<SignatureKind, Map<string, SignatureSeen>>;
  mismatches: number;
  mismatchExample: string | null;
}

export class TraitBatch {
  /** rows that carried traits, per slot (0: none; the slot's pair gets no trait row) */
  rows = new Float64Array(256);
  sent = new Float64Array(256);
  received = new Float64Array(256);
  /** rows with a duration, their sum and the longest one (with its time and bytes) */
  durations = new Float64Array(256);
  durationSum = new Float64Array(256);
  durationMax = new Float64Array(256);
  longestTs = new Float64Array(256);
  longestBytes = new Float64Array(256);
  readonly extras = new Map<number, SlotExtras>();

  /** room for slot k (called when a slot is made, so the hot path needs no bounds check) */
  ensure(k: number): void {
    if (k < this.rows.length) return;
    const size = Math.max(k + 1, this.rows.length * 2);
    for (const key of ['rows', 'sent', 'received', 'durations', 'durationSum', 'durationMax', 'longestTs', 'longestBytes'] as const) {
      const a = new Float64Array(size);
      a.set(this[key]);
      this[key] = a;
    }
  }

  /** a conn row's values (the fast path); `duration` < 0: unset */
  conn(k: number, ts: number, sent: number, received: number, duration: number): void {
    this.rows[k]!++;
    this.sent[k]! += sent;
    this.received[k]! += received;
    if (duration >= 0) {
      this.durations[k]!++;
      this.durationSum[k]! += duration;
      if (duration > this.durationMax[k]! || this.durations[k] === 1) {
        this.durationMax[k] = duration;
        this.longestTs[k] = ts;
        this.longestBytes[k] = sent + received;
      }
    }
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
