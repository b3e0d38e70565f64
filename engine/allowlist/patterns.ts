// Destination and device patterns of allow-list rules: parsing, validation and matching.
// Names are checked with tldts (public suffix list, private section included, so `*.github.io`
// or `*.co.uk` cannot be allow-listed wholesale); addresses and CIDRs with ipaddr.js.
import { isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parse as parseHost, getDomain } from 'tldts';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** An address range; a single address is a range of full length (/32, /128). */
export type Range = [Address, number];

export type DstPattern =
  | { kind: 'name'; name: string }
  /** `*.example.com`: `example.com` itself and every name ending in `.example.com` */
  | { kind: 'suffix'; name: string; dotted: string }
  | { kind: 'range'; range: Range };

export type Parsed<T> = { ok: true; value: T; text: string } | { ok: false; message: string };

const TLD_OPTIONS = { allowPrivateDomains: true } as const;
const quote = (s: string): string => JSON.stringify(s);

/** Lower-case, trimmed, without the trailing dot of a fully qualified name. */
export function normalizeName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

/**
 * Parse an IP address strictly: dotted-quad IPv4 (not `127.1` or `0x7f.0.0.1`, which are DNS
 * names as far as a log is concerned) or IPv6 (brackets and a zone index are accepted and
 * dropped). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes the IPv4 address.
 */
export function parseAddress(text: string): Address | null {
  const quad = DOTTED_QUAD.exec(text);
  if (quad) {
    // same acceptance as ipaddr's isValidFourPartDecimal, without its slow parse-and-catch
    const octets = [Number(quad[1]), Number(quad[2]), Number(quad[3]), Number(quad[4])];
    return octets.every((o) => o <= 255) ? new ipaddr.IPv4(octets) : null;
  }
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (!s.includes(':')) return s !== text && s !== '' ? parseAddress(s) : null;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // a cheap check first: ipaddr reports invalid input by throwing, and exceptions are slow
  if (!isIPv6(s)) return null;
  try {
    const v6 = ipaddr.IPv6.parse(s);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  } catch {
    return null;
  }
}

const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/** Parse `addr` or `addr/bits`; the text form is normalised (`2001:db8::/32`). */
export function parseRange(text: string): Parsed<Range> {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const addr = parseAddress(addrText);
  if (!addr) return { ok: false, message: `${quote(text)} is not an IP address or CIDR` };
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return { ok: true, value: [addr, max], text: addr.toString() };
  const bitsText = text.slice(slash + 1);
  const bits = /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
  // an IPv4-mapped IPv6 CIDR (::ffff:10.0.0.0/104) becomes its IPv4 range
  const mappedShift = addr.kind() === 'ipv4' && addrText.includes(':') ? 96 : 0;
  const b = bits - mappedShift;
  if (!Number.isInteger(b) || b < 0 || b > max) {
    return { ok: false, message: `${quote(text)}: prefix length must be 0–${max + mappedShift}` };
  }
  return { ok: true, value: [addr, b], text: b === max ? addr.toString() : `${addr.toString()}/${b}` };
}

export function inRange(addr: Address, range: Range): boolean {
  return addr.kind() === range[0].kind() && addr.match(range);
}

/** A DNS name tldts accepts as a host name (letters, digits, `-`, `_`; labels ≤ 63). */
function validName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const r = parseHost(name, TLD_OPTIONS);
  return !r.isIp && r.hostname === name;
}

/** The registered domain (`example.co.uk`) of a name, or null for an address or a public suffix. */
export function registeredDomain(name: string): string | null {
  const n = normalizeName(name);
  if (parseAddress(n) || !validName(n)) return null;
  return getDomain(n, TLD_OPTIONS);
}

/** Parse a rule's `dst`: an exact name, `*.name`, an IP address or a CIDR. */
export function parseDstPattern(text: string): Parsed<DstPattern> {
  const raw = text.trim();
  if (raw === '') return { ok: false, message: 'is empty' };
  if (raw.includes('/') || parseAddress(raw)) {
    const r = parseRange(raw);
    return r.ok ? { ok: true, value: { kind: 'range', range: r.value }, text: r.text } : r;
  }
  const n = normalizeName(raw);
  if (n.startsWith('*.')) {
    const base = n.slice(2);
    if (!validName(base)) return { ok: false, message: `${quote(raw)} is not a valid wildcard (use *.example.com)` };
    if (!getDomain(base, TLD_OPTIONS)) {
      return {
        ok: false,
        message: `${quote(raw)} is a public suffix: a wildcard must stay inside one registered domain (e.g. *.example.com)`,
      };
    }
    return { ok: true, value: { kind: 'suffix', name: base, dotted: `.${base}` }, text: `*.${base}` };
  }
  if (n.includes('*')) return { ok: false, message: `${quote(raw)}: "*" is only allowed as the first label ("*.example.com")` };
  if (!validName(n)) return { ok: false, message: `${quote(raw)} is not a valid domain name, IP address or CIDR` };
  return { ok: true, value: { kind: 'name', name: n }, text: n };
}

/** Parse a rule's `src`: a device address or a CIDR (names are not allowed). */
export function parseSrcPattern(text: string): Parsed<Range> {
  const r = parseRange(text.trim());
  return r.ok ? r : { ok: false, message: `${quote(text)} is not a device IP address or CIDR` };
}

/** A pair's destination prepared once for matching against many rules. */
export interface PreparedDst {
  name: string | null;
  addr: Address | null;
}

export function prepareDst(dst: string): PreparedDst {
  const addr = prepareAddress(dst);
  if (addr) return { name: null, addr };
  // an HTTP Host may carry a port ("example.com:8080", "[2001:db8::1]:8080"): match without it
  const withPort = dst.includes(':') ? HOST_PORT.exec(dst) : null;
  if (withPort) return prepareDst(withPort[1]!);
  return { name: normalizeName(dst), addr: null };
}

const HOST_PORT = /^\[?([^\]]*[^\]:]|[^:]+)\]?:\d{1,5}$/;

// Parsing costs µs (IPv6: tens of µs) and pairs repeat addresses (a few devices, popular
// servers), so recent results are remembered. Address objects are never mutated.
const memo = new Map<string, Address | null>();
const MEMO_MAX = 20_000;

/** Parse a pair's address (null for a name), remembering recent results. */
export function prepareAddress(text: string): Address | null {
  if (!looksLikeAddress(text)) return null;
  let a = memo.get(text);
  if (a === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    a = parseAddress(text);
    memo.set(text, a);
  }
  return a;
}

function looksLikeAddress(s: string): boolean {
  const c = s.charCodeAt(0);
  return s.includes(':') || (c >= 48 && c <= 57) || c === 91; // digit or '['
}

/** A domain name never matches an IP pattern and an address never matches a name pattern. */
export function dstMatches(p: DstPattern, d: PreparedDst): boolean {
  switch (p.kind) {
    case 'name':
      return d.name === p.name;
    case 'suffix':
      return d.name !== null && (d.name === p.name || d.name.endsWith(p.dotted));
    case 'range':
      return d.addr !== null && inRange(d.addr, p.range);
  }
}
