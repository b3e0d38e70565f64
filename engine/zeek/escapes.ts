// Zeek's ASCII writer escapes a backslash as `\\` and non-printable bytes, separators and a
// leading `#` as `\xNN`. Values are bytes: `\xc2\xae` is UTF-8 for ®, `\xfc` alone is a raw
// latin1 byte (from a URI, say). We rebuild the bytes, then read them as UTF-8 when they are
// valid UTF-8 and as latin1 otherwise, so no byte turns into U+FFFD.

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Bytes (as a latin1 string, one char per byte) to text: UTF-8 when valid, else latin1. */
export function bytesToText(latin1: string): string {
  let high = false;
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 0x7f) {
      high = true;
      break;
    }
  }
  if (!high) return latin1;
  const bytes = Buffer.from(latin1, 'latin1');
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return latin1;
  }
}

/**
 * Decodes `\xNN` and `\\` in a TSV value given as latin1 text (one char per byte).
 * Other backslash sequences are kept as written.
 */
export function decodeZeekEscapes(raw: string): string {
  if (raw.indexOf('\\') < 0) return bytesToText(raw);
  let out = '';
  let from = 0;
  let i = raw.indexOf('\\');
  while (i >= 0 && i < raw.length - 1) {
    const next = raw.charCodeAt(i + 1);
    if (next === 92 /* \ */) {
      out += raw.slice(from, i) + '\\';
      from = i + 2;
    } else if (next === 120 /* x */ && i + 3 < raw.length) {
      const hi = hexValue(raw.charCodeAt(i + 2));
      const lo = hexValue(raw.charCodeAt(i + 3));
      if (hi >= 0 && lo >= 0) {
        out += raw.slice(from, i) + String.fromCharCode(hi * 16 + lo);
        from = i + 4;
      }
    }
    i = raw.indexOf('\\', Math.max(from, i + 1));
  }
  return bytesToText(out + raw.slice(from));
}
