// Raw bytes of a log file, uncompressed. Gzip is recognised by its magic bytes (1f 8b), not by
// the name: a renamed archive or a `.gz` that is really plain text both read correctly.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ZeekLogError } from './errors.js';

const PLAIN_CHUNK = 1 << 20;
const GUNZIP_CHUNK = 256 << 10;

export interface FileProbe {
  gzip: boolean;
  /** size on disk (compressed size for gzip) */
  size: number;
}

/** Checks the magic bytes; with `byteBefore`, also returns the byte just before that offset. */
export async function probeFile(file: string, byteBefore?: number): Promise<FileProbe & { before: number | null }> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ZeekLogError(file, `cannot open (${code})`, { cause: err });
  }
  try {
    const { size } = await fh.stat();
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    const gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    let before: number | null = null;
    if (!gzip && byteBefore !== undefined && byteBefore > 0 && byteBefore <= size) {
      const one = Buffer.alloc(1);
      await fh.read(one, 0, 1, byteBefore - 1);
      before = one[0] ?? null;
    }
    return { gzip, size, before };
  } finally {
    await fh.close();
  }
}

/** Uncompressed bytes from `start` (plain files only; gzip always starts at 0). */
export function openBytes(file: string, gzip: boolean, start = 0, chunk = PLAIN_CHUNK): Readable {
  if (!gzip) return createReadStream(file, { start, highWaterMark: chunk });
  // pipeline forwards read errors into the gunzip stream, so the consumer sees them
  return pipeline(
    createReadStream(file, { highWaterMark: chunk }),
    createGunzip({ chunkSize: GUNZIP_CHUNK }),
    () => {},
  );
}
