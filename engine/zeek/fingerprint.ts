// Identifies a log by its content, so the live `current/conn.log` and the same file after
// rotation (renamed and gzipped into `2026-11-27/conn.10:00:00-11:00:00.log.gz`) are recognised
// as one log: sha256 over the leading `#` header block (which holds #open, the creation time)
// and the first complete data line. Both are the same bytes in the plain and the gzip copy.

import { createHash } from 'node:crypto';
import { openBytes, probeFile } from './byte-source.js';

export interface LogFingerprint {
  /** 32 hex chars (first half of a sha256) */
  fingerprint: string;
  format: 'tsv' | 'json';
  /** #path from the header; null for JSON */
  headerPath: string | null;
  /** #open from the header; null for JSON */
  headerOpen: string | null;
}

/** a header block plus one line beyond this is not a Zeek log we can ingest */
const MAX_PREFIX_BYTES = 1 << 20;
const CHUNK = 16 << 10;

/**
 * null when there is no complete data line yet (nothing to ingest), or when the start of the
 * file is not a Zeek log (readZeekLog then says what is wrong).
 */
export async function fingerprintLog(file: string): Promise<LogFingerprint | null> {
  const { gzip } = await probeFile(file);
  const stream = openBytes(file, gzip, 0, CHUNK);
  let prefix = Buffer.alloc(0);
  try {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        prefix = Buffer.concat([prefix, chunk]);
        const found = firstDataLine(prefix);
        if (found !== undefined) return found === null ? null : describe(prefix, found);
        if (prefix.length >= MAX_PREFIX_BYTES) return null;
      }
    } catch {
      // a gzip still being written, or corrupt: use what was decoded
    }
    const found = firstDataLine(prefix);
    return found ? describe(prefix, found) : null;
  } finally {
    stream.destroy();
  }
}

/** fingerprintLog for the whole uncompressed content of a file already in memory (same result). */
export function fingerprintBytes(bytes: Buffer): LogFingerprint | null {
  const found = firstDataLine(bytes.length > MAX_PREFIX_BYTES ? bytes.subarray(0, MAX_PREFIX_BYTES) : bytes);
  return found ? describe(bytes, found) : null;
}

interface DataLine {
  /** offset just after the newline of the first data line */
  end: number;
  format: 'tsv' | 'json';
  headerPath: string | null;
  /** #open, for the sanity range of timestamps in archives */
  headerOpen: string | null;
}

/** undefined: need more bytes; null: not a Zeek log */
function firstDataLine(buf: Buffer): DataLine | null | undefined {
  let pos = 0;
  let sawFields = false;
  let headerPath: string | null = null;
  let headerOpen: string | null = null;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) return undefined;
    if (buf[pos] === 35 /* # */) {
      const line = buf.toString('latin1', pos, nl);
      if (line.startsWith('#fields')) sawFields = true;
      if (line.startsWith('#path')) headerPath = line.slice(6).replace(/[\t\r]+$/, '') || null;
      if (line.startsWith('#open')) headerOpen = line.slice(6).replace(/[\t\r]+$/, '') || null;
    } else if (nl > pos && !(nl === pos + 1 && buf[pos] === 13)) {
      if (sawFields) return { end: nl + 1, format: 'tsv', headerPath, headerOpen };
      if (buf[pos] === 123 /* { */) return { end: nl + 1, format: 'json', headerPath: null, headerOpen: null };
      return null;
    }
    pos = nl + 1;
  }
}

function describe(prefix: Buffer, line: DataLine): LogFingerprint {
  const fingerprint = createHash('sha256').update(prefix.subarray(0, line.end)).digest('hex').slice(0, 32);
  return { fingerprint, format: line.format, headerPath: line.headerPath, headerOpen: line.headerOpen };
}
