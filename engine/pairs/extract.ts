// Turns Zeek log rows into pair events, as in the talk: conn → (orig → resp address);
// dns → (orig → query) split by outcome, plus (orig → registered domain); http → (orig → Host,
// else resp address); ssl → (orig → SNI, else resp address). dhcp rows become device names.
import type { AddressName, DhcpLease, Direction, LogSource, PairEvent } from '../contract/types.js';
import { parseZeekTime } from '../zeek/time.js';
import { mimeMismatch } from './mime-mismatch.js';
import type { LocalNetworks } from './local-networks.js';
import { NameEvidenceBatch, type ClaimHow } from './name-evidence.js';
import { isIpAddress, isLocalName, normalizeName, registeredDomain, stripHostPort } from './names.js';

/** Fields requested from the reader per log kind; rows arrive in this order. */
export const FIELDS = {
  conn: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'orig_bytes', 'resp_bytes', 'local_orig', 'local_resp', 'duration'],
  dns: ['ts', 'id.orig_h', 'id.resp_h', 'query', 'rcode_name', 'rcode', 'local_orig', 'local_resp', 'answers', 'TTLs'],
  http: [
    'ts',
    'id.orig_h',
    'id.resp_h',
    'id.resp_p',
    'host',
    'request_body_len',
    'response_body_len',
    'local_orig',
    'local_resp',
    'user_agent',
    'uri',
    'resp_mime_types',
    'status_code',
  ],
  ssl: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'server_name', 'local_orig', 'local_resp', 'ja3', 'ja4'],
  dhcp: ['ts', 'assigned_addr', 'assigned_ip', 'client_addr', 'host_name', 'client_fqdn', 'mac', 'server_addr', 'id.resp_h'],
} as const;

export type ExtractKind = keyof typeof FIELDS;
type Row = readonly (string | null)[];

export class PairExtractor {
  constructor(private readonly local: LocalNetworks) {}

  /**
   * Append the events of one row to `out`; returns false when the row was unusable. Names the
   * row gives to addresses (SNI, Host, DNS answers) go into `names` when given.
   */
  extract(kind: Exclude<ExtractKind, 'dhcp'>, row: Row, out: PairEvent[], names?: Map<string, AddressName>): boolean {
    const ts = parseZeekTime(row[0] ?? null);
    const src = row[1];
    const resp = row[2];
    if (ts === null || !src || !resp) return false;
    switch (kind) {
      case 'conn': {
        const dir = this.direction(src, resp, row[8] ?? null, row[9] ?? null);
        const sent = num(row[6]);
        const received = num(row[7]);
        const e = event('conn', src, resp, null, dir, ts, sent + received, port(row[3]), row[4] ?? null, firstService(row[5]));
        e.traits = { sent, received, duration: duration(row[10]) };
        out.push(e);
        return true;
      }
      case 'dns': {
        const rawQuery = row[3];
        if (!rawQuery) return false;
        const query = normalizeName(rawQuery);
        if (!query) return false;
        const rcode = row[4] ?? null;
        // No rcode at all means no response came back: a failed lookup too.
        const variant = rcode === 'NOERROR' || (rcode === null && row[5] === '0') ? 'resolved' : 'failed';
        const dir = this.nameDirection(src, query);
        out.push(event('dns', src, query, variant, dir, ts, 0, 53, null, 'dns'));
        if (names && row[8]) recordAnswers(names, src, query, row[8], row[9] ?? null, ts);
        // a response came back: `resp` is (one of) this device's resolvers
        if (names instanceof NameEvidenceBatch && rcode !== null) names.resolver(src, resp, ts);
        const domain = registeredDomain(query);
        if (domain && domain !== query && !query.endsWith('.arpa')) out.push(event('dns', src, domain, 'domain', dir, ts, 0, 53, null, 'dns'));
        return true;
      }
      case 'http': {
        const host = row[4] ? normalizeName(stripHostPort(row[4])) : '';
        const dst = host || resp;
        const addrDir = this.direction(src, resp, row[7] ?? null, row[8] ?? null);
        const dir = this.namedDirection(addrDir, host);
        // through a proxy the address is the proxy's, not the named host's
        if (names && host && dir === addrDir && !isIpAddress(host)) claimName(names, src, resp, host, 'host', ts);
        const sent = num(row[5]);
        const received = num(row[6]);
        const e = event('http', src, dst, null, dir, ts, sent + received, port(row[3]), 'tcp', 'http');
        e.traits = {
          sent,
          received,
          duration: null,
          userAgent: row[9] || null,
          mimeMismatch: mimeMismatch(row[10] ?? null, row[11] ?? null, row[12] ?? null),
        };
        out.push(e);
        return true;
      }
      case 'ssl': {
        const sni = row[4] ? normalizeName(row[4]) : '';
        const addrDir = this.direction(src, resp, row[5] ?? null, row[6] ?? null);
        const dir = this.namedDirection(addrDir, sni);
        if (names && sni && dir === addrDir && !isIpAddress(sni)) claimName(names, src, resp, sni, 'sni', ts);
        const e = event('ssl', src, sni || resp, null, dir, ts, 0, port(row[3]), 'tcp', 'ssl');
        if (row[7] || row[8]) e.traits = { sent: 0, received: 0, duration: null, ja3: row[7] || null, ja4: row[8] || null };
        out.push(e);
        return true;
      }
    }
  }

  /** A device name from a dhcp.log row (old `assigned_ip` and new `assigned_addr` layouts). */
  lease(row: Row): DhcpLease | null {
    const ts = parseZeekTime(row[0] ?? null);
    const address = row[1] || row[2] || row[3];
    if (ts === null || !address) return null;
    const hostName = row[4] || row[5] || null;
    const mac = row[6] || null;
    // the server: server_addr (Zeek ≥ 3), else the responder of the old layout (never a broadcast)
    const resp = row[8] && row[8] !== '255.255.255.255' ? row[8] : null;
    const server = row[7] || resp;
    if (!hostName && !mac && !server) return null;
    return { address, hostName, mac, ts, server };
  }

  /**
   * The direction of a conn-style row (learning Zeek's local_orig/local_resp "T" as it goes).
   * Public for the conn fast path (engine/ingest/conn-fast.ts), which calls it once per pair and
   * transaction with the row's own values, exactly as extract('conn') would.
   */
  direction(orig: string, resp: string, localOrig: string | null, localResp: string | null): Direction {
    if (localOrig === 'T') this.local.learn(orig);
    if (localResp === 'T') this.local.learn(resp);
    const o = localOrig === 'T' || this.local.isLocal(orig);
    const r = localResp === 'T' || this.local.isLocal(resp);
    if (o && r) return 'local';
    if (o) return 'outbound';
    if (r) return 'inbound';
    return 'external';
  }

  /**
   * Through a LAN proxy both addresses are local, but a request naming an internet host goes out:
   * the name, not the proxy's address, says where it goes.
   */
  private namedDirection(dir: Direction, name: string): Direction {
    if (dir === 'local' && name && !isIpAddress(name) && !isLocalName(name)) return 'outbound';
    return dir;
  }

  /** A lookup is about calling out unless the name itself is a LAN name. */
  private nameDirection(src: string, name: string): Direction {
    const o = this.local.isLocal(src);
    if (isLocalName(name)) return o ? 'local' : 'inbound';
    return o ? 'outbound' : 'external';
  }
}

function event(
  source: LogSource,
  src: string,
  dst: string,
  variant: PairEvent['variant'],
  direction: Direction,
  ts: number,
  bytes: number,
  p: number | null,
  proto: string | null,
  service: string | null,
): PairEvent {
  return { source, src, dst, variant, direction, ts, bytes, port: p, proto, service };
}

/**
 * A DNS answer: the query and every CNAME of its chain map to every address in it (each with
 * its own TTL from the parallel `TTLs` vector).
 */
function recordAnswers(names: Map<string, AddressName>, src: string, query: string, answers: string, ttls: string | null, ts: number): void {
  const list = answers.split(',');
  const ttl = ttls ? ttls.split(',') : [];
  const aliases = [query];
  for (const a of list) if (a && !/\s/.test(a) && !isIpAddress(a)) aliases.push(normalizeName(a));
  list.forEach((a, i) => {
    if (!isIpAddress(a)) return;
    nameAddress(names, src, a, query, ts);
    if (!(names instanceof NameEvidenceBatch)) return;
    const t = ttl[i] ? Number(ttl[i]) : NaN;
    for (const n of aliases) if (n) names.answer(n, a, ts, Number.isFinite(t) && t >= 0 ? t : null);
  });
}

/** An SNI or Host sent to an address: a claim, never proof (the client chooses it). */
function claimName(names: Map<string, AddressName>, src: string, address: string, name: string, how: ClaimHow, ts: number): void {
  nameAddress(names, src, address, name, ts);
  if (names instanceof NameEvidenceBatch) names.claim(src, address, name, how, ts);
}

function nameAddress(names: Map<string, AddressName>, src: string, address: string, name: string, ts: number): void {
  const key = `${src}\u0000${address}\u0000${name}`;
  const seen = names.get(key);
  if (!seen) names.set(key, { src, address, name, ts });
  else if (ts > seen.ts) seen.ts = ts;
}

export function num(v: string | null | undefined): number {
  if (!v) return 0;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** conn.log `duration` (seconds); null when unset or not a sane number */
export function duration(v: string | null | undefined): number | null {
  if (!v) return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function port(v: string | null | undefined): number | null {
  if (!v) return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

/** conn's service may list several ("http,ssl"); the first names the pair. */
export function firstService(v: string | null | undefined): string | null {
  if (!v) return null;
  const comma = v.indexOf(',');
  return comma < 0 ? v : v.slice(0, comma);
}
