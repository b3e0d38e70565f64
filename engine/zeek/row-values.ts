// Field extraction helpers for LogParser: the TSV hot loop and JSON value conversion.

export type Row = (string | null)[];

/**
 * The hot loop: one byte separator, no escapes, ASCII only. A plain byte loop beats
 * String#indexOf here (about 20 short fields a line; the call overhead of indexOf dominated
 * the profile). Returns the number of columns; a trailing separator counts as one more.
 */
export function splitPlainRow(
  buf: Buffer,
  str: string,
  s: number,
  e: number,
  sepByte: number,
  target: Int32Array,
  row: Row,
  unsetCode: number,
  empty: string,
): number {
  const ntarget = target.length;
  const emptyLen = empty.length;
  let col = 0;
  let from = s;
  for (;;) {
    let to = from;
    while (to < e && buf[to] !== sepByte) to++;
    const out = col < ntarget ? target[col]! : -1;
    if (out >= 0) {
      const len = to - from;
      if (len === 1 && buf[from] === unsetCode) row[out] = null;
      else if (len === emptyLen && str.startsWith(empty, from)) row[out] = '';
      else row[out] = str.substring(from, to);
    }
    col++;
    if (to === e) return col;
    from = to + 1;
  }
}

/**
 * splitPlainRow without strings: the byte range [starts[out], ends[out]) of each requested field.
 * Fields of columns the line does not reach keep their old ranges (the caller rejects such a
 * line by its column count). Returns the number of columns, as splitPlainRow.
 */
export function splitPlainOffsets(
  buf: Buffer,
  s: number,
  e: number,
  sepByte: number,
  target: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
): number {
  const ntarget = target.length;
  let col = 0;
  let from = s;
  for (;;) {
    let to = from;
    while (to < e && buf[to] !== sepByte) to++;
    const out = col < ntarget ? target[col]! : -1;
    if (out >= 0) {
      starts[out] = from;
      ends[out] = to;
    }
    col++;
    if (to === e) return col;
    from = to + 1;
  }
}

/**
 * splitPlainOffsets four bytes at a time: `words` is a little-endian Uint32Array view of the
 * same memory as `buf`, starting `delta` bytes before buf's byte 0 (buf.byteOffset & 3), so
 * byte p of buf is in word (p + delta) >> 2. A separator is found in a word with the exact
 * zero-byte test on word ^ pattern: ~(((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v | 0x7f7f7f7f).
 * `last` is the last column with a target (default: any may have one): past it the separators
 * are only counted, a word at a time, for the column count.
 */
export function splitPlainOffsetsWords(
  buf: Buffer,
  words: Uint32Array,
  delta: number,
  s: number,
  e: number,
  sepByte: number,
  target: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
  last: number = target.length - 1,
): number {
  const ntarget = target.length;
  const pattern = Math.imul(sepByte, 0x01010101);
  let col = 0;
  let from = s;
  let i = s;
  const head = Math.min(e, ((s + delta + 3) & ~3) - delta);
  for (; i < head; i++) {
    if (buf[i] !== sepByte) continue;
    const out = col < ntarget ? target[col]! : -1;
    if (out >= 0) {
      starts[out] = from;
      ends[out] = i;
    }
    col++;
    from = i + 1;
  }
  const wEnd = (e + delta) >> 2;
  for (let w = (i + delta) >> 2; w < wEnd; w++) {
    const v = words[w]! ^ pattern;
    let m = ~(((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v | 0x7f7f7f7f);
    if (col > last) {
      // only bits 7, 15, 23, 31 can be set: their count, summed into the top byte
      col += Math.imul(m >>> 7, 0x01010101) >>> 24;
      continue;
    }
    while (m !== 0) {
      const at = (w << 2) - delta + ((31 - Math.clz32(m & -m)) >> 3);
      const out = col < ntarget ? target[col]! : -1;
      if (out >= 0) {
        starts[out] = from;
        ends[out] = at;
      }
      col++;
      from = at + 1;
      m &= m - 1;
    }
  }
  for (i = Math.max(i, (wEnd << 2) - delta); i < e; i++) {
    if (buf[i] !== sepByte) continue;
    const out = col < ntarget ? target[col]! : -1;
    if (out >= 0) {
      starts[out] = from;
      ends[out] = i;
    }
    col++;
    from = i + 1;
  }
  const out = col < ntarget ? target[col]! : -1;
  if (out >= 0) {
    starts[out] = from;
    ends[out] = e;
  }
  return col + 1;
}

export function nested(rec: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = rec;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function jsonScalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v) ?? '';
}

export function jsonValue(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(jsonScalar).join(',');
  return jsonScalar(v);
}
