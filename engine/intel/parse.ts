// Parsers for the threat-intel feeds, each in its published format. Pure: text in, entries out,
// so the fetcher, the importer and the tests share one code path and nothing here touches the net.
import ipaddr from 'ipaddr.js';
import { isIpAddress, normalizeName } from '../pairs/names.js';
import type { FeedFormat, IntelEntry } from '../contract/intel-values.js';

export interface ParseResult {
  entries: IntelEntry[];
  malformed: number; // lines that looked like data but could not be read (a truncated tail, say)
}

export class FeedRejected extends Error {}

/** Splits one CSV line with quoted fields; null when quotes are unbalanced (a cut-off download). */
function splitCsv(line: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (quoted) return null;
  out.push(cur.trim());
  return out;
}

function canonicalIp(s: string): string | null {
  // process() folds ::ffff:a.b.c.d into IPv4, the same key the matcher builds.
  // isIpAddress looks at the characters first: ipaddr.js alone costs ~30 µs per host name
  return isIpAddress(s) ? ipaddr.process(s).toNormalizedString() : null;
}

function ipOrCidr(s: string): IntelEntry | null {
  if (s.includes('/')) {
    try {
      const [addr, len] = ipaddr.parseCIDR(s);
      // A range wider than a /8 (IPv4) or /20 (IPv6) is no C2 listing but a list gone wrong:
      // 0.0.0.0/0 would flag every connection. Such a line counts as unreadable.
      if (len < (addr.kind() === 'ipv4' ? 8 : 20)) return null;
      return { kind: 'cidr', value: `${addr.toString()}/${len}` };
    } catch {
      return null;
    }
  }
  const ip = canonicalIp(s);
  return ip ? { kind: 'ip', value: ip } : null;
}

function domain(s: string): IntelEntry | null {
  const name = normalizeName(s);
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(name) ? { kind: 'domain', value: name } : null;
}

function hostOfUrl(s: string): string | null {
  try {
    return new URL(s).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

function hostEntry(host: string): IntelEntry | null {
  return ipOrCidr(host) ?? domain(host);
}

const HEX = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);

/** One data line → entry, or null when malformed. Comment/blank lines never reach here. */
// Missing columns read as empty, so each format checks its fields once, by value.
const col = (f: string[], i: number): string => f[i] ?? '';

const SKIP = 'skip' as const;

function parseLine(format: FeedFormat, line: string): IntelEntry | null | typeof SKIP {
  switch (format) {
    case 'feodo': {
      // "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
      const f = splitCsv(line);
      if (!f || f.length < 6) return null;
      const ip = canonicalIp(col(f, 1));
      return ip ? { kind: 'ip', value: ip, family: col(f, 5) || undefined, firstSeen: col(f, 0) || undefined } : null;
    }
    case 'threatfox': {
      // "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable",...
      const f = splitCsv(line);
      if (!f || f.length < 8) return null;
      const [firstSeen, value, type] = [col(f, 0), col(f, 2), col(f, 3)];
      let e: IntelEntry | null = null;
      if (type === 'ip:port') e = ipOrCidr(value.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
      else if (type === 'domain') e = domain(value);
      else if (type === 'url') {
        const h = hostOfUrl(value);
        e = h ? hostEntry(h) : null;
      } else if (type.endsWith('_hash')) return SKIP; // file hashes: valid lines, nothing in Zeek logs to match
      return e ? { ...e, family: col(f, 7) || col(f, 5) || undefined, firstSeen: firstSeen || undefined } : null;
    }
    case 'sslbl-ja3': {
      // ja3_md5,Firstseen,Lastseen,Listingreason
      const f = splitCsv(line);
      if (!f || f.length < 4 || !HEX(32).test(col(f, 0).toLowerCase())) return null;
      return { kind: 'ja3', value: col(f, 0).toLowerCase(), firstSeen: col(f, 1) || undefined, family: col(f, 3) || undefined };
    }
    case 'sslbl-cert': {
      // Listingdate,SHA1,Listingreason
      const f = splitCsv(line);
      if (!f || f.length < 3 || !HEX(40).test(col(f, 1).toLowerCase())) return null;
      return { kind: 'cert-sha1', value: col(f, 1).toLowerCase(), firstSeen: col(f, 0) || undefined, family: col(f, 2) || undefined };
    }
    case 'urlhaus-hosts': {
      // hosts-file style: "127.0.0.1\tbad.example"
      const parts = line.split(/\s+/);
      return parts.length >= 2 ? hostEntry(col(parts, 1)) : null;
    }
    case 'plain':
      return hostEntry(col(line.split(/\s+/), 0));
  }
}

/**
 * Parses a whole download. Throws FeedRejected for what is not the feed at all (an HTML error
 * page, an empty body, mostly unreadable lines) so the caller keeps its last good copy.
 */
export function parseFeed(format: FeedFormat, text: string): ParseResult {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith('<') || head.includes('<html')) throw new FeedRejected('an HTML page, not the feed');
  const entries: IntelEntry[] = [];
  let malformed = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const e = parseLine(format, line);
    if (e === null) malformed++;
    else if (e !== SKIP) entries.push(e);
  }
  if (entries.length === 0) throw new FeedRejected('no entries');
  // A cut-off tail costs a line or two; more than that means the file is not what we think it is.
  if (malformed > Math.max(2, entries.length * 0.05)) throw new FeedRejected(`${malformed} unreadable lines`);
  return { entries, malformed };
}
