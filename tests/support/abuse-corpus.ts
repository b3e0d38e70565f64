// A small home whose logs pull every lever that used to lower a C2 (issue "No false all-clear"):
// a worm on three devices calling one hard-coded address; two implants with one default sleep on
// tcp/80, present from the first log line of a 48 h capture; a C2 on a cloud front-end address
// that also answers a catalogue name (and an ad server on that address, which the catalogue
// must not cover either). Benign devices look up and call catalogue services, so the home has
// products for the rules to quiet. Zeek 6 TSV, written by the corpus's own formatter.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLog, type LogKind, type LogRecord } from '../../bench/home/zeek-format.js';
import { Rng, zeekUid } from '../../bench/home/prng.js';

export const START = Date.UTC(2026, 10, 20) / 1000;
export const HOURS = 48;
const END = START + HOURS * 3600;
const RESOLVER = '192.168.1.1';

/** the ground truth the test checks against */
export const ABUSE = {
  worm: { devices: ['192.168.1.11', '192.168.1.12', '192.168.1.13'], address: '203.0.113.66', periodS: 60 },
  implants: [
    { src: '192.168.1.14', address: '198.51.100.10' },
    { src: '192.168.1.15', address: '192.0.2.77' },
  ],
  /** a cloud front end: the catalogue's update.googleapis.com and a C2 name answer one address */
  shared: { address: '142.250.0.10', catalogueName: 'update.googleapis.com', benign: '192.168.1.10' },
  cloudC2: { src: '192.168.1.16', name: 'sync-agent-7f3k.a.run.app' },
  adServer: { src: '192.168.1.17', name: 'securepubads.g.doubleclick.net' },
  benign: ['192.168.1.10', '192.168.1.18', '192.168.1.19'],
} as const;

class Logs {
  readonly rows: Record<'conn' | 'dns' | 'ssl', LogRecord[]> = { conn: [], dns: [], ssl: [] };
  constructor(private readonly rng: Rng) {}

  conn(ts: number, src: string, dst: string, port: number, proto = 'tcp', service: string | null = null): string {
    const uid = zeekUid(this.rng);
    const local = dst.startsWith('192.168.');
    const v = [
      ts,
      uid,
      src,
      this.rng.int(40000, 60000),
      dst,
      port,
      proto,
      service,
      0.2,
      320,
      1200,
      'SF',
      true,
      local,
      0,
      'ShADadFf',
      6,
      640,
      6,
      1500,
      null,
    ];
    this.rows.conn.push({ ts, values: v });
    return uid;
  }

  /** ts, uid and the connection's id.* fields, the way every log row starts (a fresh client port) */
  private idFields(ts: number, uid: string, src: string, dst: string, port: number): (string | number)[] {
    return [ts, uid, src, this.rng.int(40000, 60000), dst, port];
  }

  dns(ts: number, src: string, query: string, answer: string, ttl = 300): void {
    const uid = this.conn(ts, src, RESOLVER, 53, 'udp', 'dns');
    this.rows.dns.push({
      ts,
      values: [
        ...this.idFields(ts, uid, src, RESOLVER, 53),
        'udp',
        this.rng.int(1, 65535),
        0.01,
        query,
        1,
        'C_INTERNET',
        1,
        'A',
        0,
        'NOERROR',
        false,
        false,
        true,
        true,
        0,
        answer,
        String(ttl),
        false,
      ],
    });
  }

  tls(ts: number, src: string, dst: string, sni: string | null): void {
    const uid = this.conn(ts, src, dst, 443, 'tcp', 'ssl');
    this.rows.ssl.push({
      ts,
      values: [
        ...this.idFields(ts, uid, src, dst, 443),
        'TLSv13',
        'TLS_AES_128_GCM_SHA256',
        'x25519',
        sni,
        false,
        null,
        'h2',
        true,
        'CsiI',
        null,
        null,
        null,
      ],
    });
  }
}

/** a timer every `periodS` ± `jitterS` from `from` to `to` */
function timer(rng: Rng, from: number, to: number, periodS: number, jitterS: number, each: (ts: number) => void): void {
  for (let t = from + rng.uniform(0, periodS); t < to; t += periodS + rng.uniform(-jitterS, jitterS)) each(t);
}

/** A device that looks `name` up (answer `address`, TTL `ttl`) whenever its cache expired, then calls it. */
function namedTimer(
  logs: Logs,
  rng: Rng,
  src: string,
  name: string,
  address: string,
  periodS: number,
  jitterS: number,
  opts: { from?: number; ttl?: number; quic?: boolean } = {},
): void {
  const ttl = opts.ttl ?? 300;
  let cachedUntil = -Infinity;
  timer(rng, opts.from ?? START, END, periodS, jitterS, (t) => {
    if (t >= cachedUntil) {
      logs.dns(t - 0.05, src, name, address, ttl);
      cachedUntil = t + ttl;
    }
    // QUIC (udp/443): Zeek 6's stock logs carry no SNI for it, only the connection
    if (opts.quic) logs.conn(t, src, address, 443, 'udp');
    else logs.tls(t, src, address, name);
  });
}

export function writeAbuseCorpus(dir: string, seed = 7): string {
  const rng = new Rng(seed);
  const logs = new Logs(rng);
  // benign products: update checks and connectivity checks from every ordinary device
  for (const src of ABUSE.benign) {
    namedTimer(logs, rng.fork(`upd${src}`), src, ABUSE.shared.catalogueName, ABUSE.shared.address, 1800, 300);
    namedTimer(logs, rng.fork(`cc${src}`), src, 'connectivitycheck.gstatic.com', '142.250.0.20', 600, 60);
  }
  // the worm: three devices, one hard-coded address, one 60 s timer, no DNS, since hour 30
  for (const src of ABUSE.worm.devices) {
    const r = rng.fork(`worm${src}`);
    timer(r, START + 30 * 3600, END, ABUSE.worm.periodS, 3, (t) => logs.conn(t, src, ABUSE.worm.address, 443));
    namedTimer(logs, r, src, 'connectivitycheck.gstatic.com', '142.250.0.20', 600, 60);
  }
  // two implants, one default sleep (5 s), tcp/80, running when the sensor started
  for (const { src, address } of ABUSE.implants) {
    timer(rng.fork(`imp${src}`), START, END, 5, 0.5, (t) => logs.conn(t, src, address, 80, 'tcp', 'http'));
  }
  // a C2 on the cloud front end that also serves the catalogue's update service; its own DNS
  // gives a day-long TTL (the attacker's choice), so the lookups never repeat on their own
  namedTimer(logs, rng.fork('cloud'), ABUSE.cloudC2.src, ABUSE.cloudC2.name, ABUSE.shared.address, 30, 5, { ttl: 86400, quic: true });
  // an ad server on the same address, over TLS: not the update service, whatever else the address serves
  namedTimer(logs, rng.fork('ads'), ABUSE.adServer.src, ABUSE.adServer.name, ABUSE.shared.address, 60, 10, { ttl: 86400 });

  mkdirSync(dir, { recursive: true });
  for (const kind of ['conn', 'dns', 'ssl'] as const satisfies readonly LogKind[]) {
    const rows = logs.rows[kind].sort((a, b) => a.ts - b.ts);
    writeFileSync(join(dir, `${kind}.log`), formatLog(kind, START, rows, END));
  }
  return dir;
}
