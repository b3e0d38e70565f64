// A generated home-network day for the first-run "demo data" button: a few devices with the
// usual benign beacons (time sync, a thermostat cloud, connectivity checks), human browsing,
// and one planted implant (a jittered TLS beacon plus periodic lookups of a dead domain).
// Written as real Zeek TSV logs, so the demo goes through exactly the same reader and pipeline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom as rng } from './seeded-random.js';

export const DEMO_BEACON = { src: '192.168.1.66', dst: 'cdn-sync.example-updates.net', ip: '203.0.113.66' } as const;

const HEADERS = {
  conn: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state'],
  dns: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'query', 'rcode', 'rcode_name', 'answers'],
  ssl: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'server_name', 'established'],
  dhcp: ['ts', 'uids', 'client_addr', 'server_addr', 'mac', 'host_name', 'assigned_addr'],
} as const;

type Kind = keyof typeof HEADERS;

export function writeDemoLogs(dir: string, endS: number = Date.now() / 1000, seed = 7): { dir: string; files: string[] } {
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const start = endS - 86400;
  const rows: Record<Kind, string[][]> = { conn: [], dns: [], ssl: [], dhcp: [] };
  let uid = 0;
  const id = () => `CDemo${(uid++).toString(36)}`;
  const port = () => String(49152 + Math.floor(r() * 16000));

  const devices = [
    ['192.168.1.10', 'alice-laptop', 'a4:83:e7:10:00:10'],
    ['192.168.1.20', 'pixel-phone', '3c:28:6d:20:00:20'],
    ['192.168.1.30', 'hallway-thermostat', 'b8:2c:a0:30:00:30'],
    ['192.168.1.40', 'living-room-tv', '70:2a:d5:40:00:40'],
    ['192.168.1.66', 'old-nas', '00:11:32:66:00:66'],
  ] as const;
  for (const [addr, name, mac] of devices) rows.dhcp.push([t(start + 60 + r() * 600), id(), addr, '192.168.1.1', mac, name, addr]);

  const periodic = (from: number, period: number, jitter: number, fn: (ts: number) => void) => {
    for (let ts = from; ts < endS; ts += period * (1 + (r() * 2 - 1) * jitter)) fn(ts);
  };
  const tls = (ts: number, src: string, ip: string, sni: string, bytes: number) => {
    // one connection, so one uid and one source port in both logs, as Zeek writes them (the
    // finding page joins ssl.log to conn.log by uid for the bytes)
    const uid = id();
    const p = port();
    port(); // the generator's sequence as before, so the demo day stays the same
    rows.ssl.push([t(ts), uid, src, p, ip, '443', sni, 'T']);
    rows.conn.push([t(ts), uid, src, p, ip, '443', 'tcp', 'ssl', (0.2 + r()).toFixed(6), String(bytes), String(bytes * 4), 'SF']);
  };
  const lookup = (ts: number, src: string, q: string, ok: boolean, answer = '198.51.100.7') =>
    rows.dns.push([t(ts), id(), src, port(), '192.168.1.1', '53', 'udp', q, ok ? '0' : '3', ok ? 'NOERROR' : 'NXDOMAIN', ok ? answer : '-']);

  // The names the benign beacons use were resolved first (a DNS answer backs them; see
  // engine/trust/name-backing.ts); the implant's SNI never was.
  lookup(start + 5, '192.168.1.10', 'time.apple.com', true, '17.253.34.125');
  lookup(start + 30, '192.168.1.30', 'tccna.honeywell.com', true, '198.51.100.30');
  lookup(start + 60, '192.168.1.40', 'api.smarttv-vendor.example', true, '198.51.100.40');

  // Benign beacons every home has.
  periodic(start + 13, 1024, 0, (ts) =>
    rows.conn.push([t(ts), id(), '192.168.1.10', '123', '17.253.34.125', '123', 'udp', 'ntp', '0.03', '48', '48', 'SF']),
  );
  periodic(start + 40, 300, 0.02, (ts) => tls(ts, '192.168.1.30', '198.51.100.30', 'tccna.honeywell.com', 900));
  periodic(start + 7, 600, 0.1, (ts) => lookup(ts, '192.168.1.20', 'connectivitycheck.gstatic.com', true));
  periodic(start + 90, 1800, 0.05, (ts) => tls(ts, '192.168.1.40', '198.51.100.40', 'api.smarttv-vendor.example', 2000));

  // People: browsing sessions in the evening and morning, bursty and irregular.
  const sites = ['news.example.org', 'video.example.com', 'shop.example.net', 'mail.example.com', 'wiki.example.org', 'social.example.com'];
  for (let s = 0; s < 40; s++) {
    const base = start + (r() < 0.5 ? 7 : 18) * 3600 + r() * 4 * 3600;
    const src = r() < 0.6 ? '192.168.1.10' : '192.168.1.20';
    for (let k = 0, ts = base; k < 5 + r() * 30; k++, ts += r() < 0.8 ? r() * 20 : r() * 600) {
      const site = sites[Math.floor(r() * sites.length)]!;
      lookup(ts, src, site, true, `198.51.100.${100 + sites.indexOf(site)}`);
      tls(ts + 0.05, src, `198.51.100.${100 + sites.indexOf(site)}`, site, Math.floor(500 + r() * 50000));
    }
  }

  // The planted implant: a TLS beacon every ~60 s with ±20% jitter, only in the last 10 hours,
  // and a lookup of its dead fallback domain every 5 minutes all day.
  periodic(endS - 10 * 3600, 60, 0.2, (ts) => tls(ts, DEMO_BEACON.src, DEMO_BEACON.ip, DEMO_BEACON.dst, 312));
  periodic(start + 33, 300, 0.01, (ts) => lookup(ts, DEMO_BEACON.src, 'kq3v9x7pz1.info', false));

  const files: string[] = [];
  for (const kind of Object.keys(rows) as Kind[]) {
    const body = rows[kind].sort((a, b) => Number(a[0]) - Number(b[0])).map((row) => row.join('\t'));
    const header = [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      `#path\t${kind}`,
      `#open\t${stamp(start)}`,
      `#fields\t${HEADERS[kind].join('\t')}`,
      `#types\t${HEADERS[kind].map((f) => (f === 'ts' ? 'time' : 'string')).join('\t')}`,
    ];
    const file = join(dir, `${kind}.log`);
    writeFileSync(file, `${[...header, ...body].join('\n')}\n`);
    files.push(file);
  }
  return { dir, files };
}

const t = (s: number) => s.toFixed(6);

function stamp(s: number): string {
  return new Date(s * 1000).toISOString().slice(0, 19).replace('T', '-').replace(/:/g, '-');
}
