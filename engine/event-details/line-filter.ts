// The cheap first pass over a log: stream its uncompressed bytes (plain or gzip, through the
// Zeek reader's byte source) and keep only the `#` header lines and the lines that contain the
// device's address, found with Buffer#indexOf before anything is parsed. A home sensor's hourly
// conn.log holds every device's rows; one device's are a small share, and only those are then
// parsed by the Zeek reader (TSV or JSON alike).
import { openBytes, probeFile } from '../zeek/byte-source.js';

/** What one filtering pass may still spend; shared by every file of one request. */
export interface ReadBudget {
  /** uncompressed bytes that may still be read */
  bytesLeft: number;
  /** Date.now() after which reading stops */
  deadline: number;
}

export interface FilteredLines {
  /** the header lines and the matching lines, in file order */
  bytes: Buffer;
  /** uncompressed bytes read from the file */
  read: number;
  /** the budget ran out (bytes or time) before the end of the file */
  stopped: boolean;
}

/** kept lines beyond this are not one device's share of a log: stop there */
const MAX_KEPT_BYTES = 64 << 20;
const CHUNK = 1 << 20;
const NL = 10;
const HASH = 35;

export async function filterLines(file: string, needle: string, budget: ReadBudget): Promise<FilteredLines> {
  const { gzip } = await probeFile(file);
  const want = Buffer.from(needle, 'latin1');
  const stream = openBytes(file, gzip, 0, CHUNK);
  const kept: Buffer[] = [];
  let keptLen = 0;
  let read = 0;
  let stopped = false;
  let carry: Buffer | null = null;
  const keep = (b: Buffer) => {
    kept.push(Buffer.from(b)); // a copy: the chunk's memory is reused by the stream
    keptLen += b.length;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      budget.bytesLeft -= chunk.length;
      let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const lastNl = buf.lastIndexOf(NL);
      carry = lastNl < 0 ? buf : buf.subarray(lastNl + 1);
      if (lastNl >= 0) {
        buf = buf.subarray(0, lastNl + 1);
        keepMatching(buf, want, keep);
      }
      if (carry.length > MAX_KEPT_BYTES || keptLen > MAX_KEPT_BYTES || budget.bytesLeft <= 0 || Date.now() > budget.deadline) {
        stopped = true;
        carry = null;
        break;
      }
      if (carry.length > 0) carry = Buffer.from(carry);
    }
  } catch {
    // a gzip still being written, or damaged: what was decoded before is good
  } finally {
    stream.destroy();
  }
  // a last line without a newline (a complete archive may end so)
  if (carry && carry.length > 0) keepMatching(Buffer.concat([carry, Buffer.from([NL])]), want, keep);
  return { bytes: Buffer.concat(kept, keptLen), read, stopped };
}

/** Appends, in order, every header line and every line holding `want` (each whole, newline included). */
function keepMatching(buf: Buffer, want: Buffer, keep: (b: Buffer) => void): void {
  let pos = 0;
  let nextHit = buf.indexOf(want, 0);
  let nextHeader = buf[0] === HASH ? 0 : headerAfter(buf, 0);
  while (pos < buf.length) {
    const hitLine = nextHit < 0 ? -1 : nextHit === 0 ? 0 : buf.lastIndexOf(NL, nextHit - 1) + 1;
    let start: number;
    if (hitLine >= 0 && (nextHeader < 0 || hitLine <= nextHeader)) start = hitLine;
    else if (nextHeader >= 0) start = nextHeader;
    else return;
    if (start < pos) start = pos;
    let end = buf.indexOf(NL, start);
    end = end < 0 ? buf.length : end + 1;
    keep(buf.subarray(start, end));
    pos = end;
    if (nextHit >= 0 && nextHit < pos) nextHit = buf.indexOf(want, pos);
    if (nextHeader >= 0 && nextHeader < pos) nextHeader = buf[pos] === HASH ? pos : headerAfter(buf, pos);
  }
}

/** The start of the next `#` line at or after `from` (which is not itself a line start), or -1. */
function headerAfter(buf: Buffer, from: number): number {
  const at = buf.indexOf('\n#', from, 'latin1');
  return at < 0 ? -1 : at + 1;
}
