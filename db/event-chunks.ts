// Encoding of event chunks: a pair's timestamps and byte counts as little-endian float64 blobs.
// (Every platform Beaconwatch ships on is little-endian, as is SQLite's file on them.)

export interface EventColumns {
  ts: Float64Array;
  bytes: Float64Array;
}

export function encode(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Copy into an aligned array: SQLite's buffers need not start on an 8-byte boundary. */
export function decode(blob: Buffer): Float64Array {
  const out = new Float64Array(blob.length >> 3);
  new Uint8Array(out.buffer).set(blob.subarray(0, out.length << 3));
  return out;
}

/** Sort two aligned columns by time (stable for equal times). */
export function sortByTime(cols: EventColumns): EventColumns {
  const { ts, bytes } = cols;
  let sorted = true;
  for (let i = 1; i < ts.length; i++) {
    if (ts[i]! < ts[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return cols;
  const order = Array.from({ length: ts.length }, (_, i) => i).sort((a, b) => ts[a]! - ts[b]! || a - b);
  return { ts: Float64Array.from(order, (i) => ts[i]!), bytes: Float64Array.from(order, (i) => bytes[i]!) };
}

/**
 * Sort ts[from, to) by time in place, bytes alongside (stable for equal times). Events mostly
 * arrive nearly in order (Zeek writes a connection when it ends, stamped with its start), so an
 * insertion sort does it in about one pass; a run too far out of order is sorted by index.
 */
export function sortRangeByTime(ts: Float64Array, bytes: Float64Array, from: number, to: number): void {
  let i = from + 1;
  while (i < to && ts[i]! >= ts[i - 1]!) i++;
  if (i >= to) return;
  let budget = 8 * (to - from) + 64;
  for (; i < to; i++) {
    const t = ts[i]!;
    if (t >= ts[i - 1]!) continue;
    const b = bytes[i]!;
    let j = i - 1;
    while (j >= from && ts[j]! > t) {
      ts[j + 1] = ts[j]!;
      bytes[j + 1] = bytes[j]!;
      j--;
    }
    ts[j + 1] = t;
    bytes[j + 1] = b;
    budget -= i - j;
    if (budget < 0) {
      const sorted = sortByTime({ ts: ts.slice(from, to), bytes: bytes.slice(from, to) });
      ts.set(sorted.ts, from);
      bytes.set(sorted.bytes, from);
      return;
    }
  }
}

/** Concatenate chunks, keep [from, to], sorted by time. */
export function mergeChunks(chunks: readonly EventColumns[], from = -Infinity, to = Infinity): EventColumns {
  let n = 0;
  for (const c of chunks) for (let i = 0; i < c.ts.length; i++) if (c.ts[i]! >= from && c.ts[i]! <= to) n++;
  const ts = new Float64Array(n);
  const bytes = new Float64Array(n);
  let k = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.ts.length; i++) {
      const t = c.ts[i]!;
      if (t < from || t > to) continue;
      ts[k] = t;
      bytes[k++] = c.bytes[i]!;
    }
  }
  return sortByTime({ ts, bytes });
}
