// Byte-level decoding of TSV fields for the conn fast path: each method gives what the row path
// (the parser's strings, then extract()'s parseZeekTime / num) gives for the same bytes, and
// falls back to those very functions for anything but plain decimals. A header whose unset or
// empty token could pass for a number or a "T" flag is not `fast`: its rows take extract().
import type { LogHeader } from '../zeek/header.js';
import { duration, num } from '../pairs/extract.js';
import { parseZeekTime } from '../zeek/time.js';

const TWO_53 = 2 ** 53;
const MAX_ABS_EPOCH = 1e11; // as parseZeekTime
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`)); // exact up to 1e22

export class TsvFields {
  /** the header these decoders follow */
  header: LogHeader | null = null;
  /** the header's tokens leave plain fields unambiguous: the fast path may read its rows */
  fast = false;
  unsetCode = -1;
  private emptyBytes: Buffer = Buffer.alloc(0);

  useHeader(h: LogHeader): void {
    this.header = h;
    const unset = h.unsetField;
    const empty = h.emptyField;
    const numeric = (c: number) => (c >= 48 && c <= 57) || c === 46 || c === 45;
    this.unsetCode = unset.length === 1 ? unset.charCodeAt(0) : -1;
    // tokens that could pass for a number or a "T" flag: leave such (odd) logs to extract()
    this.fast =
      this.unsetCode >= 0 &&
      !(this.unsetCode >= 48 && this.unsetCode <= 57) &&
      this.unsetCode !== 46 &&
      this.unsetCode !== 84 &&
      empty.length > 0 &&
      ![...empty].every((ch) => numeric(ch.charCodeAt(0))) &&
      empty !== 'T' &&
      [...empty].every((ch) => ch.charCodeAt(0) < 0x80);
    this.emptyBytes = Buffer.from(empty, 'latin1');
  }

  /** A field as the row path decodes it: null (unset or absent), '' (empty token) or the text. */
  value(buf: Buffer, a: number, b: number): string | null {
    if (a < 0) return null;
    const len = b - a;
    if (len === 1 && buf[a] === this.unsetCode) return null;
    if (this.isEmpty(buf, a, b)) return '';
    return buf.toString('latin1', a, b);
  }

  isEmpty(buf: Buffer, a: number, b: number): boolean {
    const e = this.emptyBytes;
    if (b - a !== e.length) return false;
    for (let i = 0; i < e.length; i++) if (buf[a + i] !== e[i]) return false;
    return true;
  }

  /** parseZeekTime of the field */
  time(buf: Buffer, a: number, b: number): number | null {
    if (a < 0) return null;
    let i = a;
    const neg = buf[i] === 45;
    if (neg) i++;
    let d = 0;
    let digits = 0;
    let dot = false;
    let decimals = 0;
    for (; i < b; i++) {
      const c = buf[i]!;
      if (c >= 48 && c <= 57) {
        d = d * 10 + (c - 48);
        digits++;
        if (dot) decimals++;
      } else if (c === 46 && !dot) {
        dot = true;
      } else {
        return parseZeekTime(this.value(buf, a, b));
      }
    }
    if (digits === 0 || d >= TWO_53 || decimals > 22) return parseZeekTime(this.value(buf, a, b));
    let n = decimals === 0 ? d : d / POW10[decimals]!;
    if (neg) n = -n;
    return Math.abs(n) <= MAX_ABS_EPOCH ? n : null;
  }

  /** duration() of the field, or -1 where it gives null (unset, not a number) */
  duration(buf: Buffer, a: number, b: number): number {
    if (a < 0 || (b - a === 1 && buf[a] === this.unsetCode)) return -1;
    let d = 0;
    let digits = 0;
    let dot = false;
    let decimals = 0;
    for (let i = a; i < b; i++) {
      const c = buf[i]!;
      if (c >= 48 && c <= 57) {
        d = d * 10 + (c - 48);
        digits++;
        if (dot) decimals++;
      } else if (c === 46 && !dot) dot = true;
      else return duration(this.value(buf, a, b)) ?? -1;
    }
    if (digits === 0 || d >= TWO_53 || decimals > 22) return duration(this.value(buf, a, b)) ?? -1;
    return decimals === 0 ? d : d / POW10[decimals]!;
  }

  /** num() of the field */
  count(buf: Buffer, a: number, b: number): number {
    if (a < 0) return 0;
    const len = b - a;
    if (len === 0 || len > 15) return num(this.value(buf, a, b));
    let n = 0;
    for (let i = a; i < b; i++) {
      const c = buf[i]!;
      if (c < 48 || c > 57) return num(this.value(buf, a, b));
      n = n * 10 + (c - 48);
    }
    return n;
  }

  /** the field is present and not the unset token */
  isSet(buf: Buffer, a: number, b: number): boolean {
    return a >= 0 && (b - a !== 1 || buf[a] !== this.unsetCode);
  }

  /** the field is "T" (neither token can be "T" on the fast path) */
  isT(buf: Buffer, a: number, b: number): boolean {
    return a >= 0 && b - a === 1 && buf[a] === 84;
  }
}
