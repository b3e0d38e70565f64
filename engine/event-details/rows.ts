// Which Zeek fields the finding page shows per log kind, which rows belong to a pair (the same
// keys as engine/pairs/extract.ts), and the rows as EventDetail values. Fields a sensor does not
// log (ja3/ja4 need packages, old layouts lack some) simply come back unset.
import type { ConnSummary } from './conn-join.js';
import type { EventDetail, LogSource } from '../contract/api.js';
import type { PairKey } from '../contract/types.js';
import { normalizeName, registeredDomain, stripHostPort } from '../pairs/names.js';
import { parseZeekTime } from '../zeek/time.js';

type Row = readonly (string | null)[];

/** ts, uid and the four-tuple lead every kind's field list: indexes 0–5 */
const HEAD = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'] as const;

export const DETAIL_FIELDS = {
  conn: [...HEAD, 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state'],
  http: [...HEAD, 'method', 'host', 'uri', 'user_agent', 'status_code', 'status_msg', 'request_body_len', 'response_body_len'],
  ssl: [...HEAD, 'version', 'server_name', 'cipher', 'established', 'ja3', 'ja3s', 'ja4', 'ja4s'],
  dns: [...HEAD, 'proto', 'query', 'qtype_name', 'rcode_name', 'rcode', 'answers'],
} as const satisfies Record<LogSource, readonly string[]>;

/** A row of one of the four kinds, matched to a pair and read. */
export interface MatchedRow {
  ts: number;
  detail: EventDetail;
}

/** The row's event when it belongs to the pair, else null. */
export function matchRow(pair: PairKey, row: Row): MatchedRow | null {
  const ts = parseZeekTime(row[0] ?? null);
  const resp = row[4];
  if (ts === null || row[2] !== pair.src || !resp) return null;
  if (dstOf(pair, row, resp) !== pair.dst) return null;
  return { ts, detail: detailOf(pair.source, ts, row) };
}

/** What extract.ts would call the row's destination for this pair's source (and variant). */
function dstOf(pair: PairKey, row: Row, resp: string): string | null {
  switch (pair.source) {
    case 'conn':
      return resp;
    case 'http': {
      const host = row[7] ? normalizeName(stripHostPort(row[7])) : '';
      return host || resp;
    }
    case 'ssl': {
      const sni = row[7] ? normalizeName(row[7]) : '';
      return sni || resp;
    }
    case 'dns': {
      const query = row[7] ? normalizeName(row[7]) : '';
      if (!query) return null;
      if (pair.variant === 'domain') {
        const domain = registeredDomain(query);
        return domain && domain !== query && !query.endsWith('.arpa') ? domain : null;
      }
      const rcode = row[9] ?? null;
      const resolved = rcode === 'NOERROR' || (rcode === null && row[10] === '0');
      return (pair.variant === 'resolved') === resolved ? query : null;
    }
  }
}

function detailOf(source: LogSource, ts: number, row: Row): EventDetail {
  const base: EventDetail = {
    ts,
    uid: row[1] || null,
    origPort: int(row[3]),
    respAddr: row[4] ?? null,
    respPort: int(row[5]),
    proto: null,
    service: null,
    origBytes: null,
    respBytes: null,
    durationS: null,
    connState: null,
    http: null,
    tls: null,
    dns: null,
  };
  switch (source) {
    case 'conn':
      return withConn(base, {
        proto: row[6] ?? null,
        service: row[7] ?? null,
        durationS: num(row[8]),
        origBytes: num(row[9]),
        respBytes: num(row[10]),
        connState: row[11] ?? null,
      });
    case 'http':
      return {
        ...base,
        proto: 'tcp',
        service: 'http',
        http: {
          method: row[6] ?? null,
          host: row[7] ?? null,
          uri: row[8] ?? null,
          userAgent: row[9] ?? null,
          statusCode: int(row[10]),
          statusMsg: row[11] ?? null,
          requestBodyLen: num(row[12]),
          responseBodyLen: num(row[13]),
        },
      };
    case 'ssl':
      return {
        ...base,
        proto: 'tcp',
        service: 'ssl',
        tls: {
          version: row[6] ?? null,
          serverName: row[7] ?? null,
          cipher: row[8] ?? null,
          established: row[9] === 'T' ? true : row[9] === 'F' ? false : null,
          ja3: row[10] || null,
          ja3s: row[11] || null,
          ja4: row[12] || null,
          ja4s: row[13] || null,
        },
      };
    case 'dns':
      return {
        ...base,
        proto: row[6] ?? null,
        service: 'dns',
        dns: { query: row[7] ?? null, qtype: row[8] ?? null, rcode: row[9] ?? null, answers: row[11] ?? null },
      };
  }
}

/** conn.log's view of a connection: transport, service, bytes both ways, duration, state. */
export function withConn(d: EventDetail, c: ConnSummary): EventDetail {
  return {
    ...d,
    proto: c.proto ?? d.proto,
    service: c.service ?? d.service,
    origBytes: c.origBytes,
    respBytes: c.respBytes,
    durationS: c.durationS,
    connState: c.connState,
  };
}

/** The conn fields of a conn.log row read with DETAIL_FIELDS.conn. */
export function connSummary(row: Row): ConnSummary {
  return {
    proto: row[6] ?? null,
    service: row[7] ?? null,
    durationS: num(row[8]),
    origBytes: num(row[9]),
    respBytes: num(row[10]),
    connState: row[11] ?? null,
  };
}

function num(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function int(v: string | null | undefined): number | null {
  const n = num(v);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** Detail fields, by name, that none of the events had (the sensor does not log them). */
export function notLogged(source: LogSource, events: readonly EventDetail[]): string[] {
  if (events.length === 0) return [];
  const checks: [string, (d: EventDetail) => unknown][] = [['uid', (d) => d.uid]];
  if (source === 'http') {
    checks.push(
      ['method', (d) => d.http?.method],
      ['uri', (d) => d.http?.uri],
      ['user_agent', (d) => d.http?.userAgent],
      ['status_code', (d) => d.http?.statusCode],
    );
  } else if (source === 'ssl') {
    checks.push(['version', (d) => d.tls?.version], ['ja3', (d) => d.tls?.ja3], ['ja4', (d) => d.tls?.ja4]);
  }
  return checks.filter(([, get]) => events.every((d) => get(d) === null || get(d) === undefined)).map(([name]) => name);
}
