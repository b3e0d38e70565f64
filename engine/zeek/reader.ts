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

export type { LogHeader } from './header.js';
export type { LogProblem, ReadOptions, RowBatch, RowSink } from './reader-types.js';
export { ZeekLogError } from './errors.js';

const DEFAULT_BATCH_LINES = 5000;
/** a "line" longer than this is not a Zeek record: binary junk or a wrong file */
const MAX_LINE_BYTES = 64 << 20;
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
  let start = 0;

  if (fromOffset > 0 && !probe.gzip) {
    if (fromOffset > probe.size) {
      report({ file, problem: `fromOffset ${fromOffset} is past the end of the file (${probe.size} bytes): replaced or truncated?` });
      return;
    }
    if (probe.before !== 10) {
      throw new ZeekLogError(file, `fromOffset ${fromOffset} is not at a line boundary`);
    }
    await readHeaderBlock(file, parser, fromOffset);
    parser.lineNo = null; // line numbers past a seek are unknown
    start = fromOffset;
  } else {
    parser.skipBefore = fromOffset;
  }

  const counter = { raw: 0 };
  // plain files: chunks in one reused buffer (a chunk is gone at the next read, so the carry
  // below copies what it keeps); gzip: the inflating stream
  const plain = probe.gzip ? null : new PlainChunks(file, start);
  const stream = plain === null ? openBytes(file, true, start, undefined, counter) : null;
  let reachedEnd = false;
  let total = start;
  try {
    // the unfinished last line, as the chunks it spans: joined once, when its newline comes, so
    // a line of many chunks costs linear time (joining at every chunk was quadratic)
    let carryParts: Buffer[] = [];
    let carryLen = 0;
    let base = start;
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
      let buf: Buffer = chunk;
      if (carryLen > 0) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          carryParts.push(Buffer.from(chunk)); // a copy: the chunk's memory is reused
          carryLen += chunk.length;
          if (carryLen > MAX_LINE_BYTES) {
            // a sink already holds the rows before the junk: close their batch (as for a corrupt
            // gzip), so what it got is exactly what the batches cover
            yield* stopWith(`a line longer than ${MAX_LINE_BYTES} bytes: not a Zeek log`);
            return;
          }
          continue;
        }
        carryParts.push(chunk.subarray(0, nl + 1));
        const joined = Buffer.concat(carryParts, carryLen + nl + 1);
        carryParts = [];
        carryLen = 0;
        const usedJoined = parser.feed(joined, base);
        base += usedJoined;
        buf = usedJoined === joined.length ? chunk.subarray(nl + 1) : Buffer.concat([joined.subarray(usedJoined), chunk.subarray(nl + 1)]);
      }
      const used = parser.feed(buf, base);
      if (used < buf.length) {
        carryParts = [Buffer.from(buf.subarray(used))]; // a copy: the chunk's memory is reused
        carryLen = buf.length - used;
      }
      base += used;
      if (carryLen > MAX_LINE_BYTES) {
        yield* stopWith(`a line longer than ${MAX_LINE_BYTES} bytes: not a Zeek log`);
        return;
      }
      if (probe.gzip) {
        // a small .gz that inflates to gigabytes (of newlines, say) is not a log: stop early
        if (total > RATIO_CHECK_AFTER && total > counter.raw * MAX_INFLATE_RATIO) {
          yield* stopWith(`inflates more than ${MAX_INFLATE_RATIO}× (${mb(total)} from ${mb(counter.raw)} read): not a Zeek log, read no further`);
          return;
        }
        if (parser.linesSeen > MAX_GZIP_LINES) {
          yield* stopWith(`more than ${MAX_GZIP_LINES.toLocaleString('en-US')} lines in one gzip file: read no further`);
          return;
        }
      }
      yield* parser.takeReady();
    }
    const carry = carryLen > 0 ? Buffer.concat(carryParts, carryLen) : null;
    reachedEnd = true;
    if (final && carry && carry.length > 0) parser.finishLastLine(carry, base);
    parser.flushPending();
    yield* parser.takeReady();
  } finally {
    stream?.destroy();
    plain?.close();
    for (const p of parser.problems()) report(p);
    if (reachedEnd && final) {
      if (total === 0) report({ file, problem: 'empty file' });
      else if (fromOffset > 0 && total < fromOffset) {
        report({ file, problem: `fromOffset ${fromOffset} is past the end of the data (${total} bytes)` });
      } else if (fromOffset === 0 && parser.dataLines === 0 && parser.sawHeaderLine) {
        report({ file, problem: 'header but no rows' });
      }
    }
  }
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
