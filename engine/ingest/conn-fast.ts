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
// - sent/received/duration go into the batch's per-slot trait columns (trait-batch.ts) as
//   extract() gives them (the same decoders' fallbacks: num, duration).
// - port/proto/service are decoded only while the pair's batch values are still unknown.
// Rows the parser does not hand over as bytes (escapes, non-ASCII, odd separators) and headers
// whose unset/empty tokens look like numbers or "T" take extract() itself.
// The pair table is pair-table.ts; the byte-level field decoders are tsv-fields.ts.

import type { EventBatch, Touched } from './event-batch.js';
import { firstService, port, type PairExtractor } from '../pairs/extract.js';
import type { PairEvent } from '../contract/types.js';
import type { LogHeader } from '../zeek/header.js';
import type { RowSink } from '../zeek/reader-types.js';
import { parseZeekTime } from '../zeek/time.js';
import { RowGuard } from './row-guard.js';
import { E_OPEN, E_SLOT, E_STAMP, MAX_ENTRIES, PairTable, STRIDE } from './pair-table.js';
import { TsvFields } from './tsv-fields.js';

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
const DURATION = 10;

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
  private readonly f = new TsvFields();

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

  tsv(buf: Buffer, st: Int32Array, en: Int32Array, header: LogHeader): boolean {
    const f = this.f;
    if (header !== f.header) f.useHeader(header);
    if (!f.fast) return false;
    this.dirty = true;
    const ts = f.time(buf, st[TS]!, en[TS]!);
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
      (sb - sa === 1 && buf[sa] === f.unsetCode) ||
      (db - da === 1 && buf[da] === f.unsetCode) ||
      f.isEmpty(buf, sa, sb) ||
      f.isEmpty(buf, da, db)
    ) {
      this.guard.noAddress();
      return true;
    }
    const fl = (f.isT(buf, st[LOCAL_ORIG]!, en[LOCAL_ORIG]!) ? 1 : 0) | (f.isT(buf, st[LOCAL_RESP]!, en[LOCAL_RESP]!) ? 2 : 0);
    const sent = f.count(buf, st[ORIG_BYTES]!, en[ORIG_BYTES]!);
    const received = f.count(buf, st[RESP_BYTES]!, en[RESP_BYTES]!);
    const bytes = sent + received;
    const dur = f.duration(buf, st[DURATION]!, en[DURATION]!);

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
      batch.traits.conn(k, ts, sent, received, dur);
      // fill the batch's port/proto/service while unknown. `open` (per entry) says which may
      // still be null in the slot, so the (cache-missing) slot object is only looked at when a
      // row has a value for one of those
      const open = meta[m + E_OPEN]!;
      if (
        open !== 0 &&
        (((open & 1) !== 0 && f.isSet(buf, st[RESP_P]!, en[RESP_P]!)) ||
          ((open & 2) !== 0 && f.isSet(buf, st[PROTO]!, en[PROTO]!)) ||
          ((open & 4) !== 0 && f.isSet(buf, st[SERVICE]!, en[SERVICE]!)))
      ) {
        const t = batch.slot(k);
        if (t.port === null) t.port = port(f.value(buf, st[RESP_P]!, en[RESP_P]!));
        if (t.proto === null) t.proto = f.value(buf, st[PROTO]!, en[PROTO]!);
        if (t.service === null) t.service = firstService(f.value(buf, st[SERVICE]!, en[SERVICE]!));
        meta[m + E_OPEN] = openBits(t);
      }
      return true;
    }
    // first row of this pair in the batch: the full event, as extract('conn') makes it
    const src = table.src[x]!;
    const dst = table.dst[x]!;
    const dir = this.extractor.direction(src, dst, f.value(buf, st[LOCAL_ORIG]!, en[LOCAL_ORIG]!), f.value(buf, st[LOCAL_RESP]!, en[LOCAL_RESP]!));
    const e: PairEvent = {
      source: 'conn',
      src,
      dst,
      variant: null,
      direction: dir,
      ts,
      bytes,
      port: port(f.value(buf, st[RESP_P]!, en[RESP_P]!)),
      proto: f.value(buf, st[PROTO]!, en[PROTO]!),
      service: firstService(f.value(buf, st[SERVICE]!, en[SERVICE]!)),
      traits: { sent, received, duration: dur < 0 ? null : dur },
    };
    const k = batch.addOne(e);
    meta[m + E_SLOT] = k;
    meta[m + E_STAMP] = batch.serial;
    meta[m + E_OPEN] = openBits(batch.slot(k));
    return true;
  }
}
