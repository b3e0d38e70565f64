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
