// Turns the bytes of one Zeek log (TSV or JSON lines) into batches of rows.
//
// Speed matters (a day of conn.log is tens of millions of lines), so the hot loop works on one
// latin1 string per chunk: latin1 maps byte i to char i, so string positions are exact byte
// offsets, and `indexOf` on a one-byte string is a fast native search. Values are substrings;
// only lines holding a backslash or a byte >= 0x80 take the slow path (escape decoding, UTF-8).

import { isAscii } from 'node:buffer';
import { decodeZeekEscapes } from './escapes.js';
import { ZeekLogError } from './errors.js';
import type { LogHeader } from './header.js';
import { applyHeaderLine, defaultHeader } from './header.js';
import type { LogProblem, RowBatch, RowSink } from './reader-types.js';
import type { Row } from './row-values.js';
import { jsonRecordRow } from './json-row.js';
import { parseProblems } from './parse-problems.js';
import { splitPlainOffsets, splitPlainOffsetsWords, splitPlainRow } from './row-values.js';

const HIGH_BYTE = /[\x80-\xff]/g;
const JSON_HEADER: LogHeader = Object.freeze(defaultHeader('json')) as LogHeader;

export class LogParser {
  /** header directives seen so far (TSV); the batch header once `format` is 'tsv' */
  private tsvHeader: LogHeader = defaultHeader('tsv');
  format: 'tsv' | 'json' | null = null;
  /** data lines that start before this offset are only scanned, not parsed (resume) */
  skipBefore = 0;
  /** 1-based number of the last line seen, or null when reading did not start at offset 0 */
  lineNo: number | null = 0;
  /** offset just after the last line fully handled */
  consumed = 0;
  dataLines = 0;
  /** every line handled (header, blank and data): the reader caps it per gzip file */
  linesSeen = 0;
  sawHeaderLine = false;

  // column mapping for the current TSV header
  private colTarget = new Int32Array(0);
  /** the last column with a target (-1: none) */
  private lastTargetCol = -1;
  private ncols = 0;
  private duplicates: [from: number, to: number][] = [];
  private sep = '\t';
  /** the separator as one byte, or -1 when it is longer (e.g. `||` in a Zeek test) */
  private sepByte = 9;
  private unset = '-';
  private empty = '(empty)';
  private unsetCode = 45;
  // JSON: the requested fields split at dots, for logs that nest records ({"id":{"orig_h":…}})
  private readonly nestedPaths: (string[] | null)[];
  private readonly nullRow: Row;

  /** with a sink, rows go to it in file order (and batches are yielded without rows) */
  private readonly sink: RowSink | null;
  /** sink fast path: byte range of each requested field in the current line (start -1: absent) */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  private chunk: Buffer = Buffer.alloc(0);
  private chunkText: string | null = null;
  private words: Uint32Array | null = null;
  private wordsDelta = 0;

  private rows: Row[] = [];
  private batchLines = 0;
  private readonly ready: RowBatch[] = [];
  batchesOut = 0;
  private lastEnd = -1;

  badRows = 0;
  private firstBadRowLine: number | undefined;
  badJson = 0;
  private firstBadJsonLine: number | undefined;
  truncatedLastLine = false;
  failedRows = 0;
  private firstFailedRow: { line: number | undefined; why: string } | undefined;

  constructor(
    private readonly file: string,
    private readonly fields: readonly string[],
    private readonly maxBatchLines: number,
    sink?: RowSink,
  ) {
    this.sink = sink ?? null;
    this.starts = new Int32Array(fields.length).fill(-1);
    this.ends = new Int32Array(fields.length).fill(-1);
    this.nullRow = fields.map(() => null);
    this.nestedPaths = fields.map((f) => (f.includes('.') ? f.split('.') : null));
    this.useHeader(this.tsvHeader);
  }

  /**
   * Handles every complete line of `buf` (whose first byte is at uncompressed offset `base`)
   * that starts before `limit`. Returns how many bytes of `buf` were consumed.
   */
  feed(buf: Buffer, base: number, limit = Infinity): number {
    this.useChunk(buf);
    let nextBackslash = -1;
    // isAscii is a SIMD scan: most chunks hold no byte >= 0x80, so the regex never runs
    let nextHigh = isAscii(buf) ? Infinity : -1;
    let pos = 0;
    while (base + pos < limit) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      // next backslash / high byte at or after pos: found lazily, so each chunk is scanned once
      if (nextBackslash < pos) {
        nextBackslash = buf.indexOf(92 /* \\ */, pos);
        if (nextBackslash < 0) nextBackslash = Infinity;
      }
      if (nextHigh < pos) {
        HIGH_BYTE.lastIndex = pos;
        const m = HIGH_BYTE.exec(this.text());
        nextHigh = m ? m.index : Infinity;
      }
      if (base + pos < this.skipBefore && base + nl + 1 > this.skipBefore) {
        throw new ZeekLogError(this.file, `fromOffset ${this.skipBefore} is not at a line boundary`);
      }
      this.line(buf, pos, nl, base, nextBackslash < nl, nextHigh < nl, false);
      pos = nl + 1;
      this.consumed = base + pos;
    }
    return pos;
  }

  /** The unterminated last line of a complete file. */
  finishLastLine(rest: Buffer, base: number): void {
    this.useChunk(rest);
    const high = !isAscii(rest);
    this.line(rest, 0, rest.length, base, rest.includes(92 /* \\ */), high, true);
    this.consumed = base + rest.length;
  }

  /** The chunk being parsed; its latin1 text is made only for lines that need strings. */
  private useChunk(buf: Buffer): void {
    this.chunk = buf;
    this.chunkText = null;
    // a word view of the chunk's memory for the sink's splitter, from the word holding byte 0
    this.wordsDelta = buf.byteOffset & 3;
    this.words = this.sink !== null ? new Uint32Array(buf.buffer, buf.byteOffset - this.wordsDelta, (buf.length + this.wordsDelta) >> 2) : null;
  }

  private text(): string {
    return (this.chunkText ??= this.chunk.toString('latin1'));
  }

  private line(buf: Buffer, s: number, e: number, base: number, backslash: boolean, high: boolean, last: boolean): void {
    this.linesSeen++;
    if (this.lineNo !== null) this.lineNo++;
    const lineEnd = base + e + (last ? 0 : 1);
    if (e > s && buf[e - 1] === 13) e--; // tolerate CRLF copies
    if (e === s) return;
    if (buf[s] === 35 /* # */) {
      this.directive(buf.toString('latin1', s, e), base + s);
      return;
    }
    if (this.format === null) this.decideFormat(this.text(), s, e);
    if (base + s < this.skipBefore) return;

    this.dataLines++;
    this.batchLines++;
    if (this.sink !== null && this.format === 'tsv' && this.sink.tsv && !backslash && !high && this.sepByte >= 0 && this.unsetCode >= 0) {
      this.sinkTsvLine(this.sink, buf, s, e, last);
      if (this.batchLines >= this.maxBatchLines) this.flush(lineEnd);
      return;
    }
    let row: Row | null;
    try {
      row =
        this.format === 'tsv'
          ? this.tsvRow(this.text(), buf, s, e, backslash || high)
          : this.jsonRow(high ? buf.toString('utf8', s, e) : this.text().substring(s, e));
    } catch (err) {
      // a hostile row (JSON nested 6,000 deep overflows the stack when a value is flattened)
      // costs that row only, never the file
      this.failedRows++;
      this.firstFailedRow ??= { line: this.lineNo ?? undefined, why: err instanceof Error ? err.message : String(err) };
      if (this.batchLines >= this.maxBatchLines) this.flush(lineEnd);
      return;
    }
    if (row !== null) {
      if (this.sink !== null) this.sink.row(row, this.tsvHeaderOrJson());
      else this.rows.push(row);
    } else if (last) {
      this.truncatedLastLine = true;
    } else if (this.format === 'tsv') {
      this.badRows++;
      this.firstBadRowLine ??= this.lineNo ?? undefined;
    } else {
      this.badJson++;
      this.firstBadJsonLine ??= this.lineNo ?? undefined;
    }
    if (this.batchLines >= this.maxBatchLines) this.flush(lineEnd);
  }

  private tsvHeaderOrJson(): LogHeader {
    return this.format === 'json' ? JSON_HEADER : this.tsvHeader;
  }

  /** A plain TSV line handed to the sink as byte ranges (or as a Row when it declines). */
  private sinkTsvLine(sink: RowSink, buf: Buffer, s: number, e: number, last: boolean): void {
    const starts = this.starts;
    const ends = this.ends;
    const cols =
      this.words !== null
        ? splitPlainOffsetsWords(buf, this.words, this.wordsDelta, s, e, this.sepByte, this.colTarget, starts, ends, this.lastTargetCol)
        : splitPlainOffsets(buf, s, e, this.sepByte, this.colTarget, starts, ends);
    // same column-count rule as tsvRow: one trailing separator (an empty extra column) is fine
    if (cols < this.ncols || cols > this.ncols + 1 || (cols === this.ncols + 1 && buf[e - 1] !== this.sepByte)) {
      if (last) {
        this.truncatedLastLine = true;
      } else {
        this.badRows++;
        this.firstBadRowLine ??= this.lineNo ?? undefined;
      }
      return;
    }
    for (const [from, to] of this.duplicates) {
      starts[to] = starts[from]!;
      ends[to] = ends[from]!;
    }
    if (sink.tsv!(buf, starts, ends, this.tsvHeader)) return;
    const str = this.text();
    const row: Row = this.nullRow.slice();
    for (let i = 0; i < row.length; i++) {
      const a = starts[i]!;
      if (a < 0) continue;
      const b = ends[i]!;
      const len = b - a;
      if (len === 1 && buf[a] === this.unsetCode) row[i] = null;
      else if (len === this.empty.length && str.startsWith(this.empty, a)) row[i] = '';
      else row[i] = str.substring(a, b);
    }
    sink.row(row, this.tsvHeader);
  }

  private directive(text: string, lineStart: number): void {
    this.sawHeaderLine = true;
    const next = applyHeaderLine(this.tsvHeader, text);
    if (next === this.tsvHeader) return;
    // a new header block (concatenated logs): rows so far belong to the old header
    if (this.batchLines > 0) this.flush(lineStart);
    this.tsvHeader = next;
    if (next.fields.length > 0) this.format = 'tsv';
    this.useHeader(next);
  }

  private useHeader(h: LogHeader): void {
    this.sep = h.separator;
    this.sepByte = h.separator.length === 1 && h.separator.charCodeAt(0) < 0x80 ? h.separator.charCodeAt(0) : -1;
    this.unset = h.unsetField;
    this.empty = h.emptyField;
    this.unsetCode = h.unsetField.length === 1 ? h.unsetField.charCodeAt(0) : -1;
    this.ncols = h.fields.length;
    this.colTarget = new Int32Array(this.ncols).fill(-1);
    this.duplicates = [];
    this.starts.fill(-1);
    this.ends.fill(-1);
    this.fields.forEach((name, out) => {
      const col = h.fields.indexOf(name);
      if (col < 0) return;
      const taken = this.colTarget[col] ?? -1;
      if (taken < 0) this.colTarget[col] = out;
      else this.duplicates.push([taken, out]);
    });
    this.lastTargetCol = this.colTarget.findLastIndex((out) => out >= 0);
  }

  private decideFormat(str: string, s: number, e: number): void {
    if (this.tsvHeader.fields.length > 0) {
      this.format = 'tsv';
    } else if (str.charCodeAt(s) === 123 /* { */) {
      this.format = 'json';
    } else if (str.substring(s, e).includes(this.sep)) {
      // rita/truncated/conn_top.log: rows whose columns cannot be named without the header
      throw new ZeekLogError(this.file, 'TSV rows without a #fields header: cannot tell which column is which');
    } else {
      throw new ZeekLogError(this.file, 'not a Zeek log (no #fields header, not JSON)');
    }
  }

  private tsvRow(str: string, buf: Buffer, s: number, e: number, special: boolean): Row | null {
    const row: Row = this.nullRow.slice(); // cheaper than new Array(n).fill(null)
    const cols =
      this.sepByte >= 0 && this.unsetCode >= 0 && !special
        ? splitPlainRow(buf, str, s, e, this.sepByte, this.colTarget, row, this.unsetCode, this.empty)
        : this.splitGeneralRow(str, s, e, special, row);
    if (cols < this.ncols || cols > this.ncols + 1) return null;
    // one trailing separator (an empty extra column) is tolerated: some tools write it on every
    // row (rita/dnscat2-ja3-strobe-agent/http.log.gz)
    if (cols === this.ncols + 1 && !str.startsWith(this.sep, e - this.sep.length)) return null;
    for (const [from, to] of this.duplicates) row[to] = row[from] ?? null;
    return row;
  }

  /** Any separator, escapes and UTF-8: the rare lines the fast path leaves. */
  private splitGeneralRow(str: string, s: number, e: number, special: boolean, row: Row): number {
    const sep = this.sep;
    const target = this.colTarget;
    let col = 0;
    let from = s;
    for (;;) {
      let to = str.indexOf(sep, from);
      if (to < 0 || to > e) to = e;
      const out = col < target.length ? target[col]! : -1;
      if (out >= 0) row[out] = this.value(str, from, to, special);
      col++;
      if (to === e) return col;
      from = to + sep.length;
    }
  }

  private value(str: string, a: number, b: number, special: boolean): string | null {
    const len = b - a;
    // unset/empty are judged on the raw text: an escaped `\x2d` is a real "-"
    if (len === 1 && this.unsetCode >= 0) {
      if (str.charCodeAt(a) === this.unsetCode) return null;
    } else if (len === this.unset.length && str.startsWith(this.unset, a)) {
      return null;
    }
    if (len === this.empty.length && str.startsWith(this.empty, a)) return '';
    const v = str.substring(a, b);
    return special ? decodeZeekEscapes(v) : v;
  }

  private jsonRow(text: string): Row | null {
    return jsonRecordRow(text, this.fields, this.nestedPaths);
  }

  private flush(endOffset: number): void {
    const header = this.format === 'json' ? JSON_HEADER : this.tsvHeader;
    this.ready.push({ header, rows: this.rows, endOffset, lines: this.batchLines });
    this.sink?.batchEnd(endOffset, this.batchLines);
    this.batchesOut++;
    this.lastEnd = endOffset;
    this.rows = [];
    this.batchLines = 0;
  }

  /** Closes the open batch; after rows were yielded, also reports trailing `#close` lines' end. */
  flushPending(): void {
    if (this.batchLines > 0) this.flush(this.consumed);
    else if (this.batchesOut > 0 && this.consumed > this.lastEnd) this.flush(this.consumed);
  }

  takeReady(): RowBatch[] {
    return this.ready.splice(0, this.ready.length);
  }

  /** Count-based problems, once per read (parse-problems.ts words them). */
  problems(): LogProblem[] {
    return parseProblems(this.file, this.ncols, {
      badRows: this.badRows,
      firstBadRowLine: this.firstBadRowLine,
      badJson: this.badJson,
      firstBadJsonLine: this.firstBadJsonLine,
      failedRows: this.failedRows,
      firstFailedRow: this.firstFailedRow,
      truncatedLastLine: this.truncatedLastLine,
      lastLine: this.lineNo ?? undefined,
    });
  }
}
