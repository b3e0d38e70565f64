// Streaming reader for Zeek logs: TSV or JSON lines, plain or gzip, live or archived.
// Streams big files (a small one the caller already read whole comes as opts.preloaded and is
// parsed from memory, with the same batches and problems); resumes at an uncompressed byte
// offset; yields rows in batches.
//
// Documented choices:
// - Format: `#` lines are header directives or comments (so `### BTest` lines are skipped); the
//   first other line decides: after a #fields header it is TSV, `{` starts JSON lines. TSV rows
//   with no #fields header (rita/truncated/conn_top.log) throw ZeekLogError: the columns cannot
//   be named. Anything else (prose) throws "not a Zeek log (no #fields header, not JSON)".
// - Resuming a plain TSV file reads the header block at the start of the file, then seeks to
//   fromOffset. A second header block (concatenated logs) between the first data line and
//   fromOffset is not seen; Zeek never writes one into a live file. Gzip files are decompressed
//   from the start anyway, so there every header line before fromOffset is applied.
// - Bad rows (wrong column count, invalid JSON) are skipped and reported once per read with a
//   count; end-of-file problems ("header but no rows", "empty file", a truncated last line)
//   only when `final` is set.

import type { Readable } from 'node:stream';
import { openBytes, PlainChunks, probeFile } from './byte-source.js';
import { ZeekLogError } from './errors.js';
import { LogParser } from './log-parser.js';
import type { LogProblem, ReadOptions, RowBatch } from './reader-types.js';
import { LineCarry, MAX_LINE_BYTES } from './line-carry.js';

export type { LogHeader } from './header.js';
export type { LogProblem, ReadOptions, RowBatch, RowSink } from './reader-types.js';
export { ZeekLogError } from './errors.js';

const DEFAULT_BATCH_LINES = 5000;
const HEADER_PROBE_CHUNK = 64 << 10;
/** Zeek logs deflate 5–20×; a gzip inflating past this ratio is a bomb, not a log */
export const MAX_INFLATE_RATIO = 100;
/** the ratio is judged once this much was inflated (tiny files compress oddly) */
const RATIO_CHECK_AFTER = 16 << 20;
/** lines in one gzip file (hourly archives hold a few million; a day of a busy site, tens) */
export const MAX_GZIP_LINES = 200_000_000;

const mb = (n: number) => `${(n / (1 << 20)).toFixed(1)} MB`;

export async function* readZeekLog(file: string, opts: ReadOptions): AsyncGenerator<RowBatch> {
  const fromOffset = opts.fromOffset ?? 0;
  const final = opts.final ?? false;
  const report = (p: LogProblem) => opts.onProblem?.(p);
  if (!Number.isSafeInteger(fromOffset) || fromOffset < 0) {
    throw new ZeekLogError(file, `invalid fromOffset ${fromOffset}`);
  }
  const parser = new LogParser(file, opts.fields, Math.max(1, opts.batchLines ?? DEFAULT_BATCH_LINES), opts.sink);
  const pre = opts.preloaded;
  if (pre && (pre.gzip || fromOffset === 0)) {
    yield* readLoaded(file, pre.bytes, parser, fromOffset, final, opts.sink !== undefined, report);
    return;
  }
  const probe = await probeFile(file, fromOffset);
  const start = await startAt(file, parser, probe, fromOffset, report);
  if (start === null) return;

  const counter = { raw: 0 };
  // plain files: chunks in one reused buffer (a chunk is gone at the next read, so the carry
  // below copies what it keeps); gzip: the inflating stream
  const plain = probe.gzip ? null : new PlainChunks(file, start);
  const stream = plain === null ? openBytes(file, true, start, undefined, counter) : null;
  let reachedEnd = false;
  let total = start;
  try {
    const carry = new LineCarry(start);
    const chunks: AsyncIterator<Buffer> = plain ?? (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    /** stop reading: hand out the rows decoded so far (as for a corrupt gzip), then fail */
    const stopWith = function* (problem: string, cause?: unknown): Generator<RowBatch> {
      if (probe.gzip || opts.sink) {
        parser.flushPending();
        yield* parser.takeReady();
      }
      throw new ZeekLogError(file, problem, cause === undefined ? undefined : { cause });
    };
    for (;;) {
      // only the stream's own failures are read errors; a sink's (a failed commit) go out as they are
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        // rows decoded before the damage are good: hand them out, then fail (plain files: only
        // to a sink, which already has them)
        if (!probe.gzip) {
          if (opts.sink) {
            parser.flushPending();
            yield* parser.takeReady();
          }
          throw new ZeekLogError(file, `read failed (${msg})`, { cause: err });
        }
        yield* stopWith(`corrupt gzip (${msg})`, err);
        return;
      }
      if (next.done) break;
      const chunk = next.value;
      total += chunk.length;
      if (!carry.feed(chunk, parser)) {
        // a sink already holds the rows before the junk: close their batch (as for a corrupt
        // gzip), so what it got is exactly what the batches cover
        yield* stopWith(`a line longer than ${MAX_LINE_BYTES} bytes: not a Zeek log`);
        return;
      }
      const bomb = probe.gzip ? gzipLimit(total, counter.raw, parser.linesSeen) : null;
      if (bomb) {
        yield* stopWith(bomb);
        return;
      }
      yield* parser.takeReady();
    }
    const rest = carry.rest();
    reachedEnd = true;
    if (final && rest && rest.length > 0) parser.finishLastLine(rest, carry.base);
    parser.flushPending();
    yield* parser.takeReady();
  } finally {
    stream?.destroy();
    plain?.close();
    for (const p of parser.problems()) report(p);
    const end = reachedEnd && final ? endProblem(total, fromOffset, parser) : null;
    if (end) report({ file, problem: end });
  }
}

/**
 * Where reading starts: a plain file resumes at fromOffset after its header block is read (the
 * offset must sit on a line boundary); a gzip is inflated from the start, skipping what was read.
 * null: the offset is past the end (the file was replaced or truncated), said as a problem.
 */
async function startAt(
  file: string,
  parser: LogParser,
  probe: Awaited<ReturnType<typeof probeFile>>,
  fromOffset: number,
  report: (p: LogProblem) => void,
): Promise<number | null> {
  if (fromOffset === 0 || probe.gzip) {
    parser.skipBefore = fromOffset;
    return 0;
  }
  if (fromOffset > probe.size) {
    report({ file, problem: `fromOffset ${fromOffset} is past the end of the file (${probe.size} bytes): replaced or truncated?` });
    return null;
  }
  if (probe.before !== 10) throw new ZeekLogError(file, `fromOffset ${fromOffset} is not at a line boundary`);
  await readHeaderBlock(file, parser, fromOffset);
  parser.lineNo = null; // line numbers past a seek are unknown
  return fromOffset;
}

/** a small .gz that inflates to gigabytes (of newlines, say) is not a log: why to stop, or null */
function gzipLimit(inflated: number, raw: number, lines: number): string | null {
  if (inflated > RATIO_CHECK_AFTER && inflated > raw * MAX_INFLATE_RATIO)
    return `inflates more than ${MAX_INFLATE_RATIO}× (${mb(inflated)} from ${mb(raw)} read): not a Zeek log, read no further`;
  if (lines > MAX_GZIP_LINES) return `more than ${MAX_GZIP_LINES.toLocaleString('en-US')} lines in one gzip file: read no further`;
  return null;
}

/** what a complete file that gave nothing says: empty, shorter than the offset, or a header alone */
function endProblem(total: number, fromOffset: number, parser: LogParser): string | null {
  if (total === 0) return 'empty file';
  if (fromOffset > 0 && total < fromOffset) return `fromOffset ${fromOffset} is past the end of the data (${total} bytes)`;
  if (fromOffset === 0 && parser.dataLines === 0 && parser.sawHeaderLine) return 'header but no rows';
  return null;
}

/**
 * readZeekLog over content already in memory: the same steps as the streaming loop with the
 * whole file as its only chunk (so also the same batches, problems and offsets).
 */
function* readLoaded(
  file: string,
  bytes: Buffer,
  parser: LogParser,
  fromOffset: number,
  final: boolean,
  sink: boolean,
  report: (p: LogProblem) => void,
): Generator<RowBatch> {
  parser.skipBefore = fromOffset;
  let reachedEnd = false;
  try {
    const used = bytes.length > 0 ? parser.feed(bytes, 0) : 0;
    const carry = used < bytes.length ? bytes.subarray(used) : null;
    if (carry && carry.length > MAX_LINE_BYTES) {
      if (sink) {
        parser.flushPending();
        yield* parser.takeReady();
      }
      throw new ZeekLogError(file, `a line longer than ${MAX_LINE_BYTES} bytes: not a Zeek log`);
    }
    yield* parser.takeReady();
    reachedEnd = true;
    if (final && carry && carry.length > 0) parser.finishLastLine(carry, used);
    parser.flushPending();
    yield* parser.takeReady();
  } finally {
    for (const p of parser.problems()) report(p);
    if (reachedEnd && final) {
      const total = bytes.length;
      if (total === 0) report({ file, problem: 'empty file' });
      else if (fromOffset > 0 && total < fromOffset) {
        report({ file, problem: `fromOffset ${fromOffset} is past the end of the data (${total} bytes)` });
      } else if (fromOffset === 0 && parser.dataLines === 0 && parser.sawHeaderLine) {
        report({ file, problem: 'header but no rows' });
      }
    }
  }
}

/** Reads the leading `#` lines (and the first data line, to learn the format) of a plain file. */
async function readHeaderBlock(file: string, parser: LogParser, limit: number): Promise<void> {
  parser.skipBefore = limit; // data lines before the seek target are not parsed
  const stream: Readable = openBytes(file, false, 0, HEADER_PROBE_CHUNK);
  try {
    let carry: Buffer | null = null;
    let base = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const used = parser.feed(buf, base, limit);
      carry = used < buf.length ? buf.subarray(used) : null;
      base += used;
      if (parser.format !== null || base >= limit) break;
      if (carry && carry.length > MAX_LINE_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  parser.skipBefore = 0;
}
