// Raw bytes of a log file, uncompressed. Gzip is recognised by its magic bytes (1f 8b), not by
// the name: a renamed archive or a `.gz` that is really plain text both read correctly.

import { closeSync, createReadStream, read, readSync } from 'node:fs';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { openRegularFile } from './regular-file.js';

const PLAIN_CHUNK = 1 << 20;
const GUNZIP_CHUNK = 256 << 10;

export interface FileProbe {
  gzip: boolean;
  /** size on disk (compressed size for gzip) */
  size: number;
}

/** Checks the magic bytes; with `byteBefore`, also returns the byte just before that offset. */
export async function probeFile(file: string, byteBefore?: number): Promise<FileProbe & { before: number | null }> {
  // three tiny synchronous reads; the open refuses FIFOs and devices without blocking
  const { fd, stat } = openRegularFile(file);
  try {
    const size = stat.size;
    const magic = Buffer.alloc(2);
    const bytesRead = readSync(fd, magic, 0, 2, 0);
    const gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    let before: number | null = null;
    if (!gzip && byteBefore !== undefined && byteBefore > 0 && byteBefore <= size) {
      const one = Buffer.alloc(1);
      readSync(fd, one, 0, 1, byteBefore - 1);
      before = one[0] ?? null;
    }
    return { gzip, size, before };
  } finally {
    closeSync(fd);
  }
}

/** A small file read whole into memory (uncompressed): see loadSmallFile. */
export interface LoadedFile {
  gzip: boolean;
  /** size on disk (compressed size for gzip) */
  size: number;
  /** the whole uncompressed content */
  bytes: Buffer;
}

/** files at most this big on disk are read in one go (many small hourly archives) */
export const SMALL_FILE_BYTES = 4 << 20;
/** a small archive that inflates past this is streamed instead */
const SMALL_FILE_MAX_OUTPUT = 64 << 20;

/**
 * Reads a small file whole, decompressing a gzip in memory: one open and one read instead of a
 * probe and a stream per use. null when the file is big, or when its gzip does not decompress
 * cleanly (corrupt, or still being written): the streaming path then reads what it can and
 * names the damage. An open failure throws as probeFile does.
 */
export async function loadSmallFile(file: string, limit = SMALL_FILE_BYTES): Promise<LoadedFile | null> {
  // synchronous calls: for a file this small, the thread-pool round trips of async fs cost more
  // than the reads (and the store's commits block the thread far longer anyway)
  const { fd, stat } = openRegularFile(file);
  let raw: Buffer;
  try {
    const { size } = stat;
    if (!(size <= limit)) return null;
    // one byte more than the size: a file that grew since the stat is streamed instead
    const buf = Buffer.allocUnsafe(size + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) return null;
    }
    raw = buf.subarray(0, n);
  } catch {
    return null; // the streaming path reports it
  } finally {
    closeSync(fd);
  }
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  if (!gzip) return { gzip, size: raw.length, bytes: raw };
  try {
    return { gzip, size: raw.length, bytes: gunzipSync(raw, { maxOutputLength: SMALL_FILE_MAX_OUTPUT }) };
  } catch {
    return null;
  }
}

/**
 * A plain file's bytes from `start`, as chunks read into one buffer that is reused: a chunk is
 * valid only until the next is asked for (a caller that keeps bytes copies them). A read stream
 * allocates a fresh buffer per chunk, and on a large log those allocations (pages the kernel
 * maps and zeroes, then unmaps) cost more CPU than the reads themselves.
 */
export class PlainChunks implements AsyncIterator<Buffer> {
  private fd: number | null;
  private readonly buf: Buffer;
  private position: number;

  constructor(file: string, start = 0, chunk = PLAIN_CHUNK) {
    // reads the descriptor checked to be a regular file, never a path opened again
    this.fd = openRegularFile(file).fd;
    this.buf = Buffer.allocUnsafe(chunk);
    this.position = start;
  }

  next(): Promise<IteratorResult<Buffer>> {
    const fd = this.fd;
    if (fd === null) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      read(fd, this.buf, 0, this.buf.length, this.position, (err, n) => {
        if (err) return reject(err);
        if (n === 0) {
          this.close();
          return resolve({ done: true, value: undefined });
        }
        this.position += n;
        resolve({ done: false, value: this.buf.subarray(0, n) });
      });
    });
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}

/** Uncompressed bytes from `start` (plain files only; gzip always starts at 0). */
export function openBytes(file: string, gzip: boolean, start = 0, chunk = PLAIN_CHUNK, counter?: { raw: number }): Readable {
  // the stream reads the descriptor checked to be a regular file, never a path opened again
  const { fd } = openRegularFile(file);
  if (!gzip) return createReadStream('', { fd, start, highWaterMark: chunk });
  const raw = createReadStream('', { fd, highWaterMark: chunk });
  // compressed bytes read so far: the reader caps the inflate ratio (gzip bombs)
  if (counter) raw.on('data', (c: Buffer | string) => (counter.raw += c.length));
  // pipeline forwards read errors into the gunzip stream, so the consumer sees them
  return pipeline(raw, createGunzip({ chunkSize: GUNZIP_CHUNK }), () => {});
}
