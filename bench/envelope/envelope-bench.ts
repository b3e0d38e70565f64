// The site-scale envelope (issue 22): for each size of the ladder, a site day from the home
// simulator scaled up (site-day.ts) under the temp folder, then, on the built CLI:
//   - `beaconwatch scan --json --all DAY` end to end, against awk counting records per
//     destination over the same archives in the same round (scan-bench.ts), and peak RSS;
//   - ingest: `beaconwatch scan --db STORE --now 1 DAY` (a window that ends before the data,
//     so the run is reading and storing only): records read ÷ wall time;
//   - on that store (store-child.ts): size per day, a full rescore through the engine API, the
//     UI queries' p95, and the store after retention pruned half the day.
// The default run stops at ENVELOPE_MAX conn records a day (2M: the 100 and 500 device sites, a few
// minutes); ENVELOPE_MAX=5M adds 2,000 devices (half an hour on 2 cores), 50M runs the whole
// ladder; ENVELOPE_SIZES=100x200k,500x1M replaces the ladder. A size that fails (out of memory, a
// crash) ends the ladder with a note naming it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, log } from '../bench-util.js';
import { benchScan, type ScanFigures } from '../scan-bench.js';
import { generateSiteDay, type SiteDay } from './site-day.js';
import type { StoreFigures } from './store-child.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'beaconwatch.js');
const CHILD = join(ROOT, 'bench', 'envelope', 'store-child.ts');
const TIME = '/usr/bin/time';

export interface SiteSize {
  devices: number;
  connRecords: number;
}

/**
 * The ladder: 100 and 500 devices at the simulator's own rate (about 2,200 conn records a device
 * a day: asking for fewer adds no traffic), 2,000 devices at 5M, then that site made busier.
 */
export const LADDER: readonly SiteSize[] = [
  { devices: 100, connRecords: 0 },
  { devices: 500, connRecords: 0 },
  { devices: 2000, connRecords: 5e6 },
  { devices: 2000, connRecords: 10e6 },
  { devices: 2000, connRecords: 20e6 },
  { devices: 2000, connRecords: 50e6 },
];

/** "5M", "500k", "2000000" → records; the bench's ENVELOPE_MAX */
export function parseRecords(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`ENVELOPE_MAX must be a record count such as 5M, 500k or 2000000, got "${s}"`);
  return Number(m[1]) * (m[2]!.toLowerCase() === 'm' ? 1e6 : m[2]!.toLowerCase() === 'k' ? 1e3 : 1);
}

/** ENVELOPE_SIZES: "100x5M,2000x20M" (devices x conn records a day) instead of the ladder */
export function parseSizes(s: string): SiteSize[] {
  return s.split(',').map((part) => {
    const m = /^\s*(\d+)\s*x\s*(\S+)\s*$/.exec(part);
    if (!m || Number(m[1]) < 1) throw new Error(`ENVELOPE_SIZES must be DEVICESxRECORDS[,…] such as 100x5M,2000x20M, got "${part}"`);
    return { devices: Number(m[1]), connRecords: parseRecords(m[2]!) };
  });
}

export interface EnvelopeFigures {
  site: SiteDay;
  genS: number;
  scan: ScanFigures;
  ingestS: number;
  ingestRssMb: number | null;
  store: StoreFigures;
}

export interface EnvelopeRun {
  figures: EnvelopeFigures[];
  /** the sizes not run, and why */
  note: string;
}

const records = (s: SiteDay) => s.rows.conn + s.rows.dns + s.rows.http + s.rows.ssl;

function spawnTimed(argv: string[]): { s: number; rssMb: number | null; stdout: string } {
  const hasTime = existsSync(TIME);
  const t0 = performance.now();
  const r = hasTime
    ? spawnSync(TIME, ['-f', 'maxrss-kb %M', ...argv], { encoding: 'utf8', maxBuffer: 256 << 20 })
    : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 256 << 20 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${argv.slice(1, 3).join(' ')} failed (${r.signal ?? `exit ${r.status}`}): ${r.stderr.slice(-2000)}`);
  const m = /maxrss-kb (\d+)/.exec(r.stderr);
  return { s, rssMb: m ? Number(m[1]) / 1024 : null, stdout: r.stdout };
}

function measure(work: string, size: SiteSize, rounds: number | undefined): EnvelopeFigures {
  const name = `${fmt(size.devices)} devices${size.connRecords ? `, ${fmt(size.connRecords / 1e6, 1)}M conn` : ''}`;
  const dir = join(work, `site-${size.devices}-${size.connRecords}`);
  mkdirSync(dir, { recursive: true });
  try {
    const t0 = performance.now();
    const site = generateSiteDay(dir, { ...size, onProgress: log });
    const genS = (performance.now() - t0) / 1000;
    log(
      `${name}: ${fmt(site.devices)} devices in ${site.vlans} VLANs (${site.homes} homes simulated), ${fmt(site.rows.conn)} conn + ${fmt(site.rows.dns + site.rows.http + site.rows.ssl)} dns/http/ssl rows, ${site.files.length} archives, ${fmt(site.bytes / 1e6, 1)} MB, generated in ${genS.toFixed(0)} s`,
    );
    // a round of a big day is minutes long: one awk and one scan, side by side, unless asked
    const scan = benchScan(name, site.dir, site.files, rounds ?? (site.rows.conn < 2e6 ? 3 : 1));
    const db = join(dir, 'store.sqlite');
    const ingest = spawnTimed([process.execPath, BIN, 'scan', '--db', db, '--now', '1', '--json', site.dir]);
    log(`  ingest (scan --db): ${ingest.s.toFixed(1)} s, ${fmt(records(site) / ingest.s)} records/s, peak RSS ${ingest.rssMb?.toFixed(0) ?? '?'} MB`);
    const child = spawnTimed([process.execPath, '--import', 'tsx', CHILD, db]);
    const store = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as StoreFigures;
    log(
      `  store: ${fmt(store.pairs)} pairs, ${fmt(store.fileBytes / 1e6)} MB (${fmt(store.rescoredFileBytes / 1e6)} MB rescored); rescore ${store.rescoreS.toFixed(1)} s; p95 ms listFindings ${store.p95Ms.listFindings.toFixed(0)}, listDevices ${store.p95Ms.listDevices.toFixed(0)}, getPair ${store.p95Ms.getPair.toFixed(0)}; peak RSS ${fmt(store.maxRssKb / 1024)} MB`,
    );
    return { site, genS, scan, ingestS: ingest.s, ingestRssMb: ingest.rssMb, store };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchEnvelope(work: string, opts: { maxRecords: number; rounds?: number; sizes?: readonly SiteSize[] }): EnvelopeRun {
  const figures: EnvelopeFigures[] = [];
  // sizes asked for by name are run as asked; ENVELOPE_MAX cuts the ladder only
  const sizes = opts.sizes ?? LADDER.filter((s) => s.connRecords <= opts.maxRecords);
  const skipped = opts.sizes ? 0 : LADDER.length - sizes.length;
  let note = skipped ? `${skipped} larger sizes not run (ENVELOPE_MAX=${fmt(opts.maxRecords)} conn records; ENVELOPE_MAX=50M runs them all)` : '';
  for (const size of sizes) {
    try {
      figures.push(measure(work, size, opts.rounds));
    } catch (err) {
      note = `stopped at ${fmt(size.devices)} devices, ${fmt(size.connRecords)} conn records: ${(err as Error).message.split('\n')[0]}${note ? `; ${note}` : ''}`;
      log(note);
      break;
    }
  }
  return { figures, note };
}

const mb = (b: number) => fmt(b / 1e6);
const peak = (f: EnvelopeFigures) => Math.max(f.scan.rssMb ?? 0, f.ingestRssMb ?? 0, f.store.maxRssKb / 1024);

export function envelopeTables(run: EnvelopeRun): string {
  const rows = run.figures;
  const throughput = [
    '| devices | conn/day | dns+http+ssl/day | archives MB | ingest records/s (scan --db) | scan s | awk s | scan ÷ awk rate | peak RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (f) =>
        `| ${fmt(f.site.devices)} | ${fmt(f.site.rows.conn)} | ${fmt(f.site.rows.dns + f.site.rows.http + f.site.rows.ssl)} | ${fmt(f.site.bytes / 1e6, 1)} | ${fmt(records(f.site) / f.ingestS)} | ${f.scan.scanS.toFixed(1)} | ${f.scan.awkS.toFixed(1)} | **${f.scan.ratio.toFixed(2)}** | ${fmt(peak(f))} |`,
    ),
  ].join('\n');
  const storeTable = [
    '| devices | conn/day | pairs | store MB per day (rescored) | half the day pruned: events removed, in use / file MB | prune s | full rescore s (pairs) | listFindings p95 ms | listDevices p95 ms | getPair p95 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (f) =>
        `| ${fmt(f.site.devices)} | ${fmt(f.site.rows.conn)} | ${fmt(f.store.pairs)} | ${mb(f.store.fileBytes)} (${mb(f.store.rescoredFileBytes)}) | ${fmt((100 * f.store.prunedEvents) / Math.max(1, f.store.events))}%, ${mb(f.store.afterPruneInUseBytes)} / ${mb(f.store.afterPruneFileBytes)} | ${f.store.pruneS.toFixed(1)} | ${f.store.rescoreS.toFixed(1)} (${fmt(f.store.rescoredPairs)}) | ${f.store.p95Ms.listFindings.toFixed(0)} | ${f.store.p95Ms.listDevices.toFixed(0)} | ${f.store.p95Ms.getPair.toFixed(0)} |`,
    ),
  ].join('\n');
  return `${throughput}\n\n${storeTable}${run.note ? `\n\n${run.note}` : ''}`;
}
