// Writes a small Zeek TSV log as Zeek does (#separator … #fields … #types), for tests that need
// traffic the shared samples lack. Values are given per field; unset fields are `-`.
import { writeFileSync } from 'node:fs';
import { CONN_FIELDS as FULL_CONN_FIELDS } from './gen-conn-log.js';

export function writeZeekLog(file: string, path: string, fields: readonly string[], rows: readonly Record<string, string | number>[]): void {
  const head = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    '#open\t2026-11-27-00-00-00',
    `#fields\t${fields.join('\t')}`,
    `#types\t${fields.map(() => 'string').join('\t')}`,
  ];
  const lines = rows.map((r) => fields.map((f) => (r[f] === undefined ? '-' : String(r[f]))).join('\t'));
  writeFileSync(file, `${[...head, ...lines].join('\n')}\n#close\t2026-11-28-00-00-00\n`);
}

/** conn.log's first columns (Zeek's order, tests/support/gen-conn-log.ts), up to the byte counts: what the hand-written rows fill */
export const CONN_FIELDS = FULL_CONN_FIELDS.slice(0, FULL_CONN_FIELDS.indexOf('resp_bytes') + 1);
/** One conn.log row (CONN_FIELDS) of a TLS connection: `i` numbers its uid and source port. */
export function tlsConnRow(i: number, ts: number, src: string, dst: string, duration: number, orig: number, resp: number, uid = `C${i}`) {
  return {
    ts: ts.toFixed(6),
    uid,
    'id.orig_h': src,
    'id.orig_p': 40000 + (i % 20000),
    'id.resp_h': dst,
    'id.resp_p': 443,
    proto: 'tcp',
    service: 'ssl',
    duration: duration.toFixed(6),
    orig_bytes: orig,
    resp_bytes: resp,
  };
}

export const HTTP_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'method',
  'host',
  'uri',
  'user_agent',
  'request_body_len',
  'response_body_len',
  'status_code',
  'resp_mime_types',
];
export const SSL_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'version', 'server_name', 'established', 'ja3', 'ja4'];
export const DNS_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'query',
  'rcode',
  'rcode_name',
  'answers',
  'TTLs',
];

/** `n` times from `start`, `every` seconds apart with a little deterministic jitter */
export function schedule(start: number, every: number, n: number, jitter = 0.05): number[] {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  return Array.from({ length: n }, (_, i) => start + i * every + (rand() - 0.5) * 2 * jitter * every);
}
