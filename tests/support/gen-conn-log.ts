// Writes realistic Zeek conn.log TSV (header block, rows, optional #close) for tests and the
// benchmark: a home LAN talking to a few thousand internet hosts, skewed so some pairs are busy,
// a few strict beacons among them, unset fields as `-`, `(empty)` tunnel parents. Deterministic
// for a given seed, streamed to disk in chunks (a million rows never sit in memory).
import { closeSync, openSync, writeSync } from 'node:fs';
import { seededRandom as rng } from '../../engine/demo/seeded-random.js';

export const CONN_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'local_orig',
  'local_resp',
  'missed_bytes',
  'history',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
  'tunnel_parents',
] as const;

const CONN_TYPES = [
  'time',
  'string',
  'addr',
  'port',
  'addr',
  'port',
  'enum',
  'string',
  'interval',
  'count',
  'count',
  'string',
  'bool',
  'bool',
  'count',
  'string',
  'count',
  'count',
  'count',
  'count',
  'set[string]',
];

export interface ConnLogOptions {
  /** data rows to write */
  rows: number;
  seed?: number;
  /** distinct (orig -> resp) pairs (default 5000) */
  pairs?: number;
  /** ts of the first row, epoch s (default 2026-11-27 00:00:00 UTC) */
  startTs?: number;
  /** seconds the rows span (default 86400) */
  spanS?: number;
  /** #open stamp; distinct stamps make distinct logs (fingerprints) */
  open?: string;
}

/** The `#` block Zeek writes at the top of conn.log. */
export function connHeader(open = '2026-11-27-00-00-00'): string {
  return (
    '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n' +
    `#open\t${open}\n#fields\t${CONN_FIELDS.join('\t')}\n#types\t${CONN_TYPES.join('\t')}\n`
  );
}

export function connClose(close = '2026-11-28-00-00-00'): string {
  return `#close\t${close}\n`;
}

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SERVICES = [
  { proto: 'tcp', port: 443, service: 'ssl' },
  { proto: 'tcp', port: 443, service: 'ssl' },
  { proto: 'tcp', port: 443, service: '-' },
  { proto: 'tcp', port: 80, service: 'http' },
  { proto: 'udp', port: 53, service: 'dns' },
  { proto: 'udp', port: 123, service: 'ntp' },
  { proto: 'tcp', port: 8883, service: '-' },
  { proto: 'udp', port: 443, service: 'quic,ssl' },
];

interface Pair {
  orig: string;
  resp: string;
  proto: string;
  port: number;
  service: string;
}

/** Produces rows in chunks of about `chunkRows` lines; each chunk is one string. */
export class ConnRowSource {
  private readonly rand: () => number;
  private readonly pairs: Pair[];
  private readonly start: number;
  private readonly step: number;
  private i = 0;

  constructor(private readonly opts: ConnLogOptions) {
    this.rand = rng(opts.seed ?? 1);
    const n = Math.max(1, opts.pairs ?? 5000);
    this.pairs = [];
    for (let k = 0; k < n; k++) {
      const s = SERVICES[Math.floor(this.rand() * SERVICES.length)]!;
      const orig = `192.168.${1 + (k % 3)}.${10 + Math.floor(this.rand() * 200)}`;
      const resp =
        k % 50 === 7
          ? `fe80::${(k % 65535).toString(16)}:1` // a few IPv6 peers
          : `${20 + Math.floor(this.rand() * 200)}.${Math.floor(this.rand() * 256)}.${Math.floor(this.rand() * 256)}.${1 + Math.floor(this.rand() * 254)}`;
      this.pairs.push({ orig, resp, ...s });
    }
    this.start = opts.startTs ?? 1795737600;
    this.step = (opts.spanS ?? 86400) / Math.max(1, opts.rows);
  }

  get written(): number {
    return this.i;
  }

  /** The next chunk of rows (each ending in \n), or null when all rows were produced. */
  next(chunkRows = 4096): string | null {
    const end = Math.min(this.opts.rows, this.i + chunkRows);
    if (this.i >= end) return null;
    const r = this.rand;
    const parts: string[] = [];
    for (; this.i < end; this.i++) {
      // skewed: a few pairs carry most connections, like a real LAN
      const p = this.pairs[Math.floor(this.pairs.length * r() * r())]!;
      const ts = (this.start + this.i * this.step + r() * this.step * 0.5).toFixed(6);
      let uid = 'C';
      for (let k = 0; k < 17; k++) uid += B62[Math.floor(r() * 62)];
      const est = r() < 0.8;
      const ob = est ? Math.floor(r() * 2000) : 0;
      const rb = est ? Math.floor(r() * 20000) : 0;
      const op = 1 + Math.floor(r() * 20);
      const rp = est ? 1 + Math.floor(r() * 30) : 0;
      parts.push(
        `${ts}\t${uid}\t${p.orig}\t${49152 + Math.floor(r() * 16000)}\t${p.resp}\t${p.port}\t${p.proto}\t${p.service}\t` +
          (est ? `${(r() * 30).toFixed(6)}\t${ob}\t${rb}\tSF\tT\tF\t0\tShADadFf\t` : `-\t-\t-\tS0\tT\tF\t0\tS\t`) +
          `${op}\t${op * 40 + ob}\t${rp}\t${rp * 40 + rb}\t(empty)\n`,
      );
    }
    return parts.join('');
  }
}

/** `rows` data rows as one string (small logs for tests). */
export function connRows(opts: ConnLogOptions): string {
  const src = new ConnRowSource(opts);
  let out = '';
  for (let c = src.next(); c !== null; c = src.next()) out += c;
  return out;
}

/** Writes a whole conn.log; returns the rows and bytes written. */
export function writeConnLog(file: string, opts: ConnLogOptions & { close?: boolean }): { rows: number; bytes: number } {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    bytes += writeSync(fd, connHeader(opts.open));
    const src = new ConnRowSource(opts);
    for (let c = src.next(); c !== null; c = src.next()) bytes += writeSync(fd, c);
    if (opts.close) bytes += writeSync(fd, connClose());
    return { rows: src.written, bytes };
  } finally {
    closeSync(fd);
  }
}

// CLI: node --import tsx tests/support/gen-conn-log.ts FILE ROWS [SEED]
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, rows, seed] = process.argv.slice(2);
  if (!file || !rows) {
    console.error('usage: gen-conn-log.ts FILE ROWS [SEED]');
    process.exit(2);
  }
  const r = writeConnLog(file, { rows: Number(rows), seed: Number(seed ?? 1), close: true });
  console.log(JSON.stringify(r));
}
