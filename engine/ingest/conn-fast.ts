// The conn.log hot path: plain TSV rows go from bytes straight into the event batch, without a
// string per field or an object per row. A day of conn.log is tens of millions of rows, so this
// is where ingest time goes.
//
// Exactly what PairExtractor.extract('conn') + EventBatch.add produce, only cheaper (the
// equivalence test, tests/conn-fast-equivalence.test.ts, compares the stores on every sample):
// - ts and byte counts are parsed from the bytes when they are plain decimals (a decimal of at
//   most 2^53 as an integer, divided by an exact power of ten, rounds exactly as Number() does);
//   anything else goes through the same functions as extract (parseZeekTime, num, port).
// - (src, dst, local_orig = T, local_resp = T) is looked up in a hash table keyed by the bytes;
//   strings are made on a miss only. An entry remembers the pair's slot in the current batch, so
//   a row of a pair already seen in this transaction costs no lookup by string at all.
// - The first row of a pair in a batch goes through EventBatch.addOne with a full PairEvent,
//   and its direction comes from PairExtractor.direction with the row's own values. Zeek's "T"
//   flags are learned there too: a row whose key is already in the table had its addresses
//   learned by the first row with that key (learning is idempotent and never forgets), so
//   LocalNetworks is in the same state at every row as with extract().
// - port/proto/service are decoded only while the pair's batch values are still unknown.
// Rows the parser does not hand over as bytes (escapes, non-ASCII, odd separators) and headers
// whose unset/empty tokens look like numbers or "T" take extract() itself.

import type { EventBatch, Touched } from './event-batch.js';
import { firstService, num, port, type PairExtractor } from '../pairs/extract.js';
import type { PairEvent } from '../contract/types.js';
import type { LogHeader } from '../zeek/header.js';
import type { RowSink } from '../zeek/reader-types.js';
import { parseZeekTime } from '../zeek/time.js';
import { RowGuard } from './row-guard.js';

// FIELDS.conn order
const TS = 0;
const ORIG_H = 1;
const RESP_H = 2;
const RESP_P = 3;
const PROTO = 4;
const SERVICE = 5;
const ORIG_BYTES = 6;
const RESP_BYTES = 7;
const LOCAL_ORIG = 8;
const LOCAL_RESP = 9;

const TWO_53 = 2 ** 53;
const MAX_ABS_EPOCH = 1e11; // as parseZeekTime
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`)); // exact up to 1e22

/** entries before the table starts afresh (a cache: forgetting only costs misses) */
const MAX_ENTRIES = 1 << 20;

// entry fields, side by side in one Int32Array (one cache line per entry)
const E_HASH = 0;
const E_KEY_AT = 1;
const E_SRC_LEN = 2;
const E_DST_LEN = 3;
const E_FLAGS = 4;
/** EventBatch.serial of the batch E_SLOT belongs to */
const E_STAMP = 5;
const E_SLOT = 6;
/** which of the slot's port (1), proto (2), service (4) were still null when last looked at */
const E_OPEN = 7;
const STRIDE = 8;

/** (src, dst, flags) -> strings and the pair's slot in the current batch; keys compared by bytes */
class PairTable {
  mask = 0;
  /** open addressing: [entry + 1, hash] per slot, 0 = empty */
  slots = new Int32Array(0);
  count = 0;
  meta = new Int32Array(0);
  src: string[] = [];
  dst: string[] = [];
  arena = new Uint8Array(0);
  arenaLen = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.slots = new Int32Array(2 << 14);
    this.mask = (1 << 14) - 1;
    this.count = 0;
    this.meta = new Int32Array(STRIDE << 12);
    this.src = [];
    this.dst = [];
    this.arena = new Uint8Array(1 << 16);
    this.arenaLen = 0;
  }

  /** entry index, or -(slot + 1) of the empty slot where it would go */
  find(buf: Buffer, sa: number, sb: number, da: number, db: number, fl: number, h: number): number {
    const slots = this.slots;
    const meta = this.meta;
    const arena = this.arena;
    const sl = sb - sa;
    const dl = db - da;
    let i = h & this.mask;
    for (;;) {
      const e = slots[i << 1]!;
      if (e === 0) return -(i + 1);
      if (slots[(i << 1) + 1] === h) {
        const m = (e - 1) * STRIDE;
        if (meta[m + E_FLAGS] === fl && meta[m + E_SRC_LEN] === sl && meta[m + E_DST_LEN] === dl) {
          let at = meta[m + E_KEY_AT]!;
          let same = true;
          for (let j = sa; j < sb; j++, at++) {
            if (arena[at] !== buf[j]) {
              same = false;
              break;
            }
          }
          if (same) {
            for (let j = da; j < db; j++, at++) {
              if (arena[at] !== buf[j]) {
                same = false;
                break;
              }
            }
            if (same) return e - 1;
          }
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  insert(slot: number, buf: Buffer, sa: number, sb: number, da: number, db: number, fl: number, h: number): number {
    const x = this.count++;
    if ((x + 1) * STRIDE > this.meta.length) {
      const meta = new Int32Array(this.meta.length * 2);
      meta.set(this.meta);
      this.meta = meta;
    }
    const need = this.arenaLen + (sb - sa) + (db - da);
    if (need > this.arena.length) {
      const a = new Uint8Array(Math.max(need, this.arena.length * 2));
      a.set(this.arena.subarray(0, this.arenaLen));
      this.arena = a;
    }
    const m = x * STRIDE;
    const meta = this.meta;
    meta[m + E_HASH] = h;
    meta[m + E_KEY_AT] = this.arenaLen;
    meta[m + E_SRC_LEN] = sb - sa;
    meta[m + E_DST_LEN] = db - da;
    meta[m + E_FLAGS] = fl;
    meta[m + E_STAMP] = 0;
    meta[m + E_SLOT] = 0;
    meta[m + E_OPEN] = 0;
    this.arena.set(buf.subarray(sa, sb), this.arenaLen);
    this.arena.set(buf.subarray(da, db), this.arenaLen + (sb - sa));
    this.arenaLen = need;
    this.src[x] = buf.toString('latin1', sa, sb); // ASCII: the same string the row path would cut
    this.dst[x] = buf.toString('latin1', da, db);
    this.slots[slot << 1] = x + 1;
    this.slots[(slot << 1) + 1] = h;
    if (this.count * 2 > this.mask + 1) this.rehash();
    return x;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 2);
    const mask = size - 1;
    for (let x = 0; x < this.count; x++) {
      const h = this.meta[x * STRIDE + E_HASH]!;
      let i = h & mask;
      while (slots[i << 1] !== 0) i = (i + 1) & mask;
      slots[i << 1] = x + 1;
      slots[(i << 1) + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function openBits(t: Touched): number {
  return (t.port === null ? 1 : 0) | (t.proto === null ? 2 : 0) | (t.service === null ? 4 : 0);
}

/** one table per extractor: it stands for the extractor's learning, see the file comment */
const tables = new WeakMap<PairExtractor, PairTable>();

/** where the sink's rows go: the current batch (a new one after each commit) and batch ends */
export interface BatchTarget {
  readonly batch: EventBatch;
  batchDone(endOffset: number, lines: number): void;
}

export class ConnFastSink implements RowSink {
  private readonly table: PairTable;
  private readonly events: PairEvent[] = [];
  private header: LogHeader | null = null;
  private fast = false;
  private unsetCode = -1;
  private emptyBytes: Buffer = Buffer.alloc(0);

  constructor(
    private readonly target: BatchTarget,
    private readonly extractor: PairExtractor,
    /** counts the rows that yield no event and keeps insane timestamps out */
    private readonly guard: RowGuard = new RowGuard('', { live: true, openTs: null }),
  ) {
    let t = tables.get(extractor);
    if (!t) tables.set(extractor, (t = new PairTable()));
    this.table = t;
  }

  /**
   * Rows were added to `batch` since the last batch end: the batch holds events past the
   * position, so it must not be committed as it is (after a read error, say).
   */
  dirty = false;

  batchEnd(endOffset: number, lines: number): void {
    this.dirty = false;
    this.target.batchDone(endOffset, lines);
  }

  row(row: (string | null)[]): void {
    this.dirty = true;
    if (!this.guard.accept(parseZeekTime(row[0] ?? null))) return;
    if (!row[1] || !row[2]) return this.guard.noAddress();
    const events = this.events;
    events.length = 0;
    this.extractor.extract('conn', row, events);
    this.target.batch.add(events);
  }

  private useHeader(h: LogHeader): void {
    this.header = h;
    const unset = h.unsetField;
    const empty = h.emptyField;
    const numeric = (c: number) => (c >= 48 && c <= 57) || c === 46 || c === 45;
    this.unsetCode = unset.length === 1 ? unset.charCodeAt(0) : -1;
    // tokens that could pass for a number or a "T" flag: leave such (odd) logs to extract()
    this.fast =
      this.unsetCode >= 0 &&
      !(this.unsetCode >= 48 && this.unsetCode <= 57) &&
      this.unsetCode !== 46 &&
      this.unsetCode !== 84 &&
      empty.length > 0 &&
      ![...empty].every((ch) => numeric(ch.charCodeAt(0))) &&
      empty !== 'T' &&
      [...empty].every((ch) => ch.charCodeAt(0) < 0x80);
    this.emptyBytes = Buffer.from(empty, 'latin1');
  }

  /** A field as the row path decodes it: null (unset or absent), '' (empty token) or the text. */
  private value(buf: Buffer, a: number, b: number): string | null {
    if (a < 0) return null;
    const len = b - a;
    if (len === 1 && buf[a] === this.unsetCode) return null;
    if (this.isEmpty(buf, a, b)) return '';
    return buf.toString('latin1', a, b);
  }

  private isEmpty(buf: Buffer, a: number, b: number): boolean {
    const e = this.emptyBytes;
    if (b - a !== e.length) return false;
    for (let i = 0; i < e.length; i++) if (buf[a + i] !== e[i]) return false;
    return true;
  }

  /** parseZeekTime of the field */
  private time(buf: Buffer, a: number, b: number): number | null {
    if (a < 0) return null;
    let i = a;
    const neg = buf[i] === 45;
    if (neg) i++;
    let d = 0;
    let digits = 0;
    let dot = false;
    let decimals = 0;
    for (; i < b; i++) {
      const c = buf[i]!;
      if (c >= 48 && c <= 57) {
        d = d * 10 + (c - 48);
        digits++;
        if (dot) decimals++;
      } else if (c === 46 && !dot) {
        dot = true;
      } else {
        return parseZeekTime(this.value(buf, a, b));
      }
    }
    if (digits === 0 || d >= TWO_53 || decimals > 22) return parseZeekTime(this.value(buf, a, b));
    let n = decimals === 0 ? d : d / POW10[decimals]!;
    if (neg) n = -n;
    return Math.abs(n) <= MAX_ABS_EPOCH ? n : null;
  }

  /** num() of the field */
  private count(buf: Buffer, a: number, b: number): number {
    if (a < 0) return 0;
    const len = b - a;
    if (len === 0 || len > 15) return num(this.value(buf, a, b));
    let n = 0;
    for (let i = a; i < b; i++) {
      const c = buf[i]!;
      if (c < 48 || c > 57) return num(this.value(buf, a, b));
      n = n * 10 + (c - 48);
    }
    return n;
  }

  /** the field is present and not the unset token */
  private isSet(buf: Buffer, a: number, b: number): boolean {
    return a >= 0 && (b - a !== 1 || buf[a] !== this.unsetCode);
  }

  /** the field is "T" (neither token can be "T" on the fast path) */
  private isT(buf: Buffer, a: number, b: number): boolean {
    return a >= 0 && b - a === 1 && buf[a] === 84;
  }

  tsv(buf: Buffer, st: Int32Array, en: Int32Array, header: LogHeader): boolean {
    if (header !== this.header) this.useHeader(header);
    if (!this.fast) return false;
    this.dirty = true;
    const ts = this.time(buf, st[TS]!, en[TS]!);
    if (!this.guard.accept(ts)) return true; // unusable or insane time: counted, no event
    const sa = st[ORIG_H]!;
    const sb = en[ORIG_H]!;
    const da = st[RESP_H]!;
    const db = en[RESP_H]!;
    // unset, absent or empty address: unusable
    if (
      sa < 0 ||
      da < 0 ||
      sb === sa ||
      db === da ||
      (sb - sa === 1 && buf[sa] === this.unsetCode) ||
      (db - da === 1 && buf[da] === this.unsetCode) ||
      this.isEmpty(buf, sa, sb) ||
      this.isEmpty(buf, da, db)
    ) {
      this.guard.noAddress();
      return true;
    }
    const fl = (this.isT(buf, st[LOCAL_ORIG]!, en[LOCAL_ORIG]!) ? 1 : 0) | (this.isT(buf, st[LOCAL_RESP]!, en[LOCAL_RESP]!) ? 2 : 0);
    const bytes = this.count(buf, st[ORIG_BYTES]!, en[ORIG_BYTES]!) + this.count(buf, st[RESP_BYTES]!, en[RESP_BYTES]!);

    let h = (0x811c9dc5 ^ fl) | 0;
    for (let i = sa; i < sb; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h = Math.imul(h ^ 0x2f, 0x01000193);
    for (let i = da; i < db; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h ^= h >>> 15;

    const table = this.table;
    let x = table.find(buf, sa, sb, da, db, fl, h);
    if (x < 0) {
      if (table.count >= MAX_ENTRIES) {
        table.reset();
        x = table.find(buf, sa, sb, da, db, fl, h);
      }
      x = table.insert(-x - 1, buf, sa, sb, da, db, fl, h);
    }
    const batch = this.target.batch;
    const m = x * STRIDE;
    const meta = table.meta;
    if (meta[m + E_STAMP] === batch.serial) {
      const k = meta[m + E_SLOT]!;
      batch.push(k, ts, bytes);
      // fill the batch's port/proto/service while unknown. `open` (per entry) says which may
      // still be null in the slot, so the (cache-missing) slot object is only looked at when a
      // row has a value for one of those
      const open = meta[m + E_OPEN]!;
      if (
        open !== 0 &&
        (((open & 1) !== 0 && this.isSet(buf, st[RESP_P]!, en[RESP_P]!)) ||
          ((open & 2) !== 0 && this.isSet(buf, st[PROTO]!, en[PROTO]!)) ||
          ((open & 4) !== 0 && this.isSet(buf, st[SERVICE]!, en[SERVICE]!)))
      ) {
        const t = batch.slot(k);
        if (t.port === null) t.port = port(this.value(buf, st[RESP_P]!, en[RESP_P]!));
        if (t.proto === null) t.proto = this.value(buf, st[PROTO]!, en[PROTO]!);
        if (t.service === null) t.service = firstService(this.value(buf, st[SERVICE]!, en[SERVICE]!));
        meta[m + E_OPEN] = openBits(t);
      }
      return true;
    }
    // first row of this pair in the batch: the full event, as extract('conn') makes it
    const src = table.src[x]!;
    const dst = table.dst[x]!;
    const dir = this.extractor.direction(
      src,
      dst,
      this.value(buf, st[LOCAL_ORIG]!, en[LOCAL_ORIG]!),
      this.value(buf, st[LOCAL_RESP]!, en[LOCAL_RESP]!),
    );
    const e: PairEvent = {
      source: 'conn',
      src,
      dst,
      variant: null,
      direction: dir,
      ts,
      bytes,
      port: port(this.value(buf, st[RESP_P]!, en[RESP_P]!)),
      proto: this.value(buf, st[PROTO]!, en[PROTO]!),
      service: firstService(this.value(buf, st[SERVICE]!, en[SERVICE]!)),
    };
    const k = batch.addOne(e);
    meta[m + E_SLOT] = k;
    meta[m + E_STAMP] = batch.serial;
    meta[m + E_OPEN] = openBits(batch.slot(k));
    return true;
  }
}
