// Zeek timestamps as epoch seconds (float, sub-second kept).
// TSV writes `1517336042.090842` (also negative, and `0000000000.000000`); JSON writes the
// same number or, with LogAscii::json_timestamps = JSON::TS_ISO8601, `2026-11-27T10:00:00.123456Z`.

/** Epochs beyond ±1e11 s (year ~5138) are garbage, e.g. zeek-cut's `77777777777777777777`. */
const MAX_ABS_EPOCH = 1e11;

function isDecimal(v: string): boolean {
  let i = v.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

// Only reached for values that are not plain decimals, so a regex is fine here.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(v: string): number | null {
  const m = ISO.exec(v);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  const ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  // Date.UTC rolls Feb 31 over to March: reject dates that do not exist.
  if (new Date(ms).getUTCDate() !== day) return null;
  let offsetS = 0;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetS = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60);
  }
  // Fraction parsed separately: Date keeps milliseconds only, Zeek writes microseconds.
  const fraction = frac ? Number(`0.${frac}`) : 0;
  return ms / 1000 + fraction - offsetS;
}

/**
 * Epoch seconds from a Zeek time value, or null when unset (`null`, `-`, ''), masked
 * (`XXXXXXXXXX.XXXXXX` in Zeek's test baselines) or invalid.
 */
export function parseZeekTime(v: string | null): number | null {
  if (v === null || v.length === 0) return null;
  if (isDecimal(v)) {
    const n = Number(v);
    return Number.isFinite(n) && Math.abs(n) <= MAX_ABS_EPOCH ? n : null;
  }
  return parseIso(v);
}
