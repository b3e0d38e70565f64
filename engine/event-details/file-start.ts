// Where a log file starts in time, cheaply: the first data row's ts, read from the first few
// kilobytes (a gzip is inflated only that far), together with the file's fingerprint, so a path
// that now holds another file (the live conn.log after a rotation) is recognised. Remembered per
// path while the file's size and modification time stay the same.
import { statSync } from 'node:fs';
import { fingerprintBytes } from '../zeek/fingerprint.js';
import { openBytes, probeFile } from '../zeek/byte-source.js';
import { readZeekLog } from '../zeek/reader.js';
import { parseZeekTime } from '../zeek/time.js';

export interface FileStart {
  fingerprint: string;
  /** ts of the first data row (epoch s); null when no row had a usable one */
  firstTs: number | null;
}

const PREFIX_CHUNK = 16 << 10;
const MAX_PREFIX = 1 << 20;

export class FileStarts {
  private readonly known = new Map<string, { size: number; mtimeMs: number; start: FileStart }>();

  /** null when the file is gone, unreadable or not a Zeek log. */
  async of(path: string): Promise<FileStart | null> {
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = statSync(path));
    } catch {
      this.known.delete(path);
      return null;
    }
    const seen = this.known.get(path);
    if (seen && seen.size === size && seen.mtimeMs === mtimeMs) return seen.start;
    const start = await probeStart(path).catch(() => null);
    if (start) this.known.set(path, { size, mtimeMs, start });
    else this.known.delete(path);
    return start;
  }
}

async function probeStart(path: string): Promise<FileStart | null> {
  const { gzip } = await probeFile(path);
  const stream = openBytes(path, gzip, 0, PREFIX_CHUNK);
  let prefix = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      prefix = Buffer.concat([prefix, chunk]);
      // a few rows past the first: the first may lack a usable ts
      if (fingerprintBytes(prefix) !== null && prefix.length >= 4 * PREFIX_CHUNK) break;
      if (prefix.length >= MAX_PREFIX) break;
    }
  } catch {
    // a gzip still being written: use what was inflated
  } finally {
    stream.destroy();
  }
  const fp = fingerprintBytes(prefix);
  if (!fp) return null;
  let firstTs: number | null = null;
  const batches = readZeekLog(path, { fields: ['ts'], preloaded: { gzip: false, size: prefix.length, bytes: prefix } });
  outer: for await (const b of batches) {
    for (const row of b.rows) {
      firstTs = parseZeekTime(row[0] ?? null);
      if (firstTs !== null) break outer;
    }
  }
  return { fingerprint: fp.fingerprint, firstTs };
}
