// A site day for the envelope bench: the home simulator (bench/home/) scaled up to a site of
// many devices behind one Zeek sensor. Each simulated home becomes one VLAN of the site
// (10.B.B.0/24, its router at .1, its devices at .2, .3, … in the simulator's order); homes are
// added until the site has the requested number of devices. When the requested conn records
// are more than those devices make in a home's day, further homes are simulated on the same
// devices ("overlays": device k of VLAN i carries the habits of another home's device k), so a
// busy site is more traffic from the same devices, not more devices. C2 is planted only in the
// first pass, as in a site where a few devices are infected.
//
// Output, as a Zeek logger rotates it: DIR/logs/YYYY-MM-DD/<kind>.HH:00:00-HH:00:00.log.gz, one
// archive per kind and hour (conn, dns, http, ssl: the logs Beaconwatch reads), rows in time
// order within each archive. Homes are simulated one at a time and spilled to raw per-hour
// files, so memory holds one home and, at the end, one hour of one kind.
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { simulateHome } from '../home/simulate.js';
import { DEFAULT_START } from '../home/seeds.js';
import { archiveName } from '../home/zeekctl-layout.js';
import { formatLog, formatRecord, zeekStamp, type LogKind } from '../home/zeek-format.js';

export const SITE_KINDS = ['conn', 'dns', 'http', 'ssl'] as const satisfies readonly LogKind[];
export type SiteKind = (typeof SITE_KINDS)[number];

const HOUR = 3600;
// id.orig_h and id.resp_h: the same columns in conn, dns, http and ssl (zeek-format.ts)
const ORIG_H = 2;
const RESP_H = 4;

export interface SiteDayOptions {
  devices: number;
  /** conn records wanted; at least what the devices make in one pass of homes */
  connRecords: number;
  seed?: number;
  /** start of the day (epoch s, UTC midnight); the simulator's default start */
  start?: number;
  /** gzip level of the archives: 1 (fast) by default; zeekctl's gzip uses 6 */
  gzipLevel?: number;
  onProgress?: (line: string) => void;
}

export interface SiteDay {
  /** the dated archive folder to scan */
  dir: string;
  files: string[];
  bytes: number;
  devices: number;
  /** VLANs (homes of the first pass) and home simulations in all */
  vlans: number;
  homes: number;
  rows: Record<SiteKind, number>;
  start: number;
}

/** LAN addresses of one simulated home → the site's: devices past `limit` are dropped (null). */
function addressMap(lan: string, router: string, devices: readonly { address: string }[], vlan: number, limit: number) {
  const prefix = `10.${(vlan >> 8) & 255}.${vlan & 255}.`;
  const map = new Map<string, string | null>([[router, `${prefix}1`]]);
  devices.forEach((d, k) => map.set(d.address, k < limit ? `${prefix}${k + 2}` : null));
  return (a: unknown): string | null | undefined => {
    if (typeof a !== 'string' || !a.startsWith(`${lan}.`)) return undefined;
    const m = map.get(a);
    // a LAN address that is no device (broadcast): the same host number in the VLAN
    return m === undefined ? `${prefix}${a.slice(lan.length + 1)}` : m;
  };
}

export function generateSiteDay(outDir: string, opts: SiteDayOptions): SiteDay {
  if (!Number.isInteger(opts.devices) || opts.devices < 1) throw new Error(`devices must be a positive integer, got ${opts.devices}`);
  if (!(opts.connRecords >= 0)) throw new Error(`connRecords must be a number ≥ 0, got ${opts.connRecords}`);
  const start = opts.start ?? DEFAULT_START;
  const seed = opts.seed ?? 1;
  const day = new Date(start * 1000).toISOString().slice(0, 10);
  const dir = join(outDir, 'logs', day);
  const raw = join(outDir, 'raw');
  mkdirSync(dir, { recursive: true });
  mkdirSync(raw, { recursive: true });
  const rows: Record<SiteKind, number> = { conn: 0, dns: 0, http: 0, ssl: 0 };
  const limits: number[] = [];
  let devices = 0;
  let homes = 0;
  const rawFile = (kind: SiteKind, h: number) => join(raw, `${kind}.${h}.tsv`);

  const addHome = (vlan: number, pass: number) => {
    const first = pass === 0;
    const sim = simulateHome({ seed: seed * 100_003 + pass * 10_007 + vlan, days: 1, start, c2: first });
    if (first) limits[vlan] = Math.min(sim.labels.devices.length, opts.devices - devices);
    const limit = limits[vlan]!;
    if (first) devices += limit;
    const home = sim.labels.devices;
    const lan = sim.labels.router.replace(/\.\d+$/, '');
    const toSite = addressMap(lan, sim.labels.router, home, vlan, limit);
    for (const kind of SITE_KINDS) {
      const byHour: string[][] = Array.from({ length: 24 }, () => []);
      for (const r of sim.records[kind]) {
        const values = [...r.values];
        let keep = true;
        for (const col of [ORIG_H, RESP_H]) {
          const a = toSite(values[col]);
          if (a === null) keep = false;
          else if (a !== undefined) values[col] = a;
        }
        if (!keep) continue;
        const h = Math.min(23, Math.max(0, Math.floor((r.ts - start) / HOUR)));
        byHour[h]!.push(formatRecord(kind, { ts: r.ts, values }));
        rows[kind]++;
      }
      byHour.forEach((lines, h) => lines.length && appendFileSync(rawFile(kind, h), lines.join('\n') + '\n'));
    }
    homes++;
  };

  // the first pass makes the devices; more passes over the same VLANs make the traffic
  for (let vlan = 0; devices < opts.devices; vlan++) addHome(vlan, 0);
  for (let pass = 1; rows.conn < opts.connRecords; pass++) {
    for (let vlan = 0; vlan < limits.length && rows.conn < opts.connRecords; vlan++) addHome(vlan, pass);
    opts.onProgress?.(`  site day: pass ${pass}, ${rows.conn.toLocaleString('en-US')} conn records`);
  }

  const files: string[] = [];
  for (const kind of SITE_KINDS)
    for (let h = 0; h < 24; h++) {
      const file = writeArchive(rawFile(kind, h), dir, kind, start + h * HOUR, opts.gzipLevel ?? 1);
      if (file) files.push(file);
    }
  rmSync(raw, { recursive: true, force: true });
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  return { dir, files, bytes, devices, vlans: limits.length, homes, rows, start };
}

/** One hour's rows of one kind, sorted by time, as the logger's rotated archive; null when none. */
function writeArchive(rawPath: string, dir: string, kind: SiteKind, hourStart: number, level: number): string | null {
  let buf: Buffer;
  try {
    buf = readFileSync(rawPath);
  } catch {
    return null; // Zeek creates a log on its first write: an hour without rows has no file
  }
  // read as a Buffer and cut into lines: an hour of a 50M-record day is over V8's string limit
  const lines: string[] = [];
  for (let pos = 0; pos < buf.length;) {
    const end = buf.indexOf(10, pos);
    lines.push(buf.toString('latin1', pos, end));
    pos = end + 1;
  }
  const keys = new Float64Array(lines.map((l) => Number(l.slice(0, l.indexOf('\t')))));
  const order = Uint32Array.from(lines.keys()).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const header = formatLog(kind, hourStart, [], null);
  const parts: Buffer[] = [Buffer.from(header)];
  for (let i = 0; i < order.length; i += 100_000) {
    const chunk: string[] = [];
    for (const j of order.subarray(i, i + 100_000)) chunk.push(lines[j]!);
    parts.push(Buffer.from(chunk.join('\n') + '\n', 'latin1'));
  }
  parts.push(Buffer.from(`#close\t${zeekStamp(hourStart + HOUR)}\n`));
  const file = join(dir, archiveName(kind, hourStart));
  writeFileSync(file, gzipSync(Buffer.concat(parts), { level }));
  return file;
}
