// `npm run bench`: `beaconwatch scan --json --all` end to end as a user runs it (start-up, ingest,
// scoring, output) against awk reading the same files, ingest throughput against awk (alternating
// rounds, medians), peak RSS, store bytes per million events, rescoring 10,000 pairs and the
// event loop's delay meanwhile. Prints a table and writes docs/benchmarks.md. The scan runs the
// built CLI (dist/): run `npm run build` first.
//
// The machine may be shared: every speed is also given as a ratio to awk measured in the same
// run, round by round (awk, ingest, awk, ingest, ...), which is the figure to compare.
//   BENCH_ROUNDS=3  BENCH_ROWS=1000000  BENCH_PAIRS=10000  BENCH_NO_DOC=1 (do not write the doc)
//   BENCH_ONLY=rescore (only the rescore timing; implies BENCH_NO_DOC)
//   BENCH_ONLY=scan (only the end-to-end scan rows; implies BENCH_NO_DOC)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Store } from '../db/store.js';
import { commitEvents } from '../engine/ingest/event-batch.js';
import { findLogs } from '../engine/ingest/find-logs.js';
import { rescore } from '../engine/score/rescore.js';
import { statsScorer } from '../engine/score/stats-scorer.js';
import { loadScorers } from '../engine/score/scorers.js';
import type { PairEvent, Scorer } from '../engine/contract/types.js';
import { classifyLogFile } from '../engine/zeek/log-names.js';
import { writeConnLog } from '../tests/support/gen-conn-log.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = join(ROOT, '..', 'shared', 'zeek-samples');
const CHILD = join(ROOT, 'tests', 'support', 'ingest-child.ts');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 10_000);
const work = mkdtempSync(join(tmpdir(), 'beaconwatch-bench-'));
const RESCORE_ONLY = process.env.BENCH_ONLY === 'rescore';
const SCAN_ONLY = process.env.BENCH_ONLY === 'scan';
const BIN = join(ROOT, 'bin', 'beaconwatch.js');
const BUILT = existsSync(join(ROOT, 'dist', 'engine', 'cli', 'run.js'));
const TIME = '/usr/bin/time';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const log = (s: string) => process.stderr.write(s + '\n');
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface IngestFigures {
  name: string;
  files: number;
  bytes: number;
  lines: number;
  events: number;
  awkS: number;
  ingestS: number;
  ingestWallS: number;
  ratio: number;
  rssMb: number;
  storeBytesPerMEvents: number | null;
}

/** awk over the same files (gzip ones through gzip -dc): the reference reader. */
function runAwk(files: string[]): number {
  const plain = files.filter((f) => !f.endsWith('.gz'));
  const gz = files.filter((f) => f.endsWith('.gz'));
  const awk = `awk -F'\\t' '{print $1, $3, $5}'`;
  const parts: string[] = [];
  if (plain.length) parts.push(`${awk} ${plain.map(sh).join(' ')} > /dev/null`);
  if (gz.length) parts.push(`gzip -dc ${gz.map(sh).join(' ')} | ${awk} > /dev/null`);
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', parts.join(' && ')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('awk failed');
  return (performance.now() - t0) / 1000;
}

/** awk counting records per destination over the same files: what a user would compare with. */
function runAwkCount(files: string[]): number {
  const plain = files.filter((f) => !f.endsWith('.gz'));
  const gz = files.filter((f) => f.endsWith('.gz'));
  const awk = `awk -F'\\t' '{n[$3]++} END{for (k in n) c++; print c}'`;
  const parts: string[] = [];
  if (plain.length) parts.push(`${awk} ${plain.map(sh).join(' ')} > /dev/null`);
  if (gz.length) parts.push(`gzip -dc ${gz.map(sh).join(' ')} | ${awk} > /dev/null`);
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', parts.join(' && ')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('awk failed');
  return (performance.now() - t0) / 1000;
}

/** `beaconwatch scan --json --all TARGET > /dev/null` as a user runs it; peak RSS via GNU time. */
function runScan(target: string): { s: number; rssMb: number | null } {
  const hasTime = existsSync(TIME);
  const argv = [process.execPath, BIN, 'scan', '--json', '--all', target];
  const t0 = performance.now();
  const r = hasTime
    ? spawnSync(TIME, ['-f', 'maxrss-kb %M', ...argv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`scan failed: ${r.stderr}`);
  const m = /maxrss-kb (\d+)/.exec(r.stderr ?? '');
  return { s, rssMb: m ? Number(m[1]) / 1024 : null };
}

interface ScanFigures {
  name: string;
  files: number;
  bytes: number;
  awkS: number;
  scanS: number;
  ratio: number;
  rssMb: number | null;
}

function benchScan(name: string, target: string, files: string[]): ScanFigures {
  const awk: number[] = [];
  const runs: ReturnType<typeof runScan>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    awk.push(runAwkCount(files));
    runs.push(runScan(target));
    log(
      `  scan ${name} round ${r + 1}: awk ${awk.at(-1)!.toFixed(2)} s, scan ${runs.at(-1)!.s.toFixed(2)} s, peak RSS ${runs.at(-1)!.rssMb?.toFixed(0) ?? '?'} MB`,
    );
  }
  const rss = runs.map((x) => x.rssMb).filter((x): x is number => x !== null);
  return {
    name,
    files: files.length,
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
    awkS: median(awk),
    scanS: median(runs.map((x) => x.s)),
    ratio: median(runs.map((x, i) => awk[i]! / x.s)),
    rssMb: rss.length ? Math.max(...rss) : null,
  };
}

function runIngest(db: string, files: string[]): { s: number; wallS: number; lines: number; events: number; rssKb: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, db, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { ms: number; lines: number; events: number; maxRssKb: number };
  return { s: out.ms / 1000, wallS, lines: out.lines, events: out.events, rssKb: out.maxRssKb };
}

function storeBytesPerMEvents(db: string, events: number): number {
  const store = Store.open(db);
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.exec('VACUUM');
    return (store.sizeBytes() / events) * 1e6;
  } finally {
    store.close();
  }
}

function benchIngest(name: string, files: string[]): IngestFigures {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const db = join(work, `${name.replace(/\W+/g, '-')}.sqlite`);
  const awk: number[] = [];
  const ing: ReturnType<typeof runIngest>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    awk.push(runAwk(files));
    ing.push(runIngest(db, files));
    log(
      `  ${name} round ${r + 1}: awk ${awk.at(-1)!.toFixed(2)} s, ingest ${ing.at(-1)!.s.toFixed(2)} s (wall with start-up ${ing.at(-1)!.wallS.toFixed(2)} s)`,
    );
  }
  const last = ing.at(-1)!;
  const perRound = ing.map((x, i) => awk[i]! / x.s);
  return {
    name,
    files: files.length,
    bytes,
    lines: last.lines,
    events: last.events,
    awkS: median(awk),
    ingestS: median(ing.map((x) => x.s)),
    ingestWallS: median(ing.map((x) => x.wallS)),
    ratio: median(perRound),
    rssMb: Math.max(...ing.map((x) => x.rssKb)) / 1024,
    storeBytesPerMEvents: last.events > 0 ? storeBytesPerMEvents(db, last.events) : null,
  };
}

/**
 * 10,000 pairs x ~100 events over 24 h straight into a store: beacons, jittered ones, noise;
 * and every tenth pair a slow one (a 4 h beacon or a few random events a day over 7 days) so
 * the multi-day path of the rescore (engine/score/rescore.ts) is part of the timing.
 */
function fillRescoreStore(file: string, pairs: number): { events: number; now: number } {
  const store = Store.open(file);
  const now = 1795824000;
  let seed = 99;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let total = 0;
  const batch: PairEvent[] = [];
  const flush = () => {
    batch.sort((a, b) => a.ts - b.ts);
    commitEvents(
      store.ingest,
      { fingerprint: 'bench', kind: 'conn', path: 'bench', offset: total, lines: batch.length, events: batch.length, complete: false },
      batch,
    );
    batch.length = 0;
  };
  for (let p = 0; p < pairs; p++) {
    const kind = p % 10; // 0-1 strict beacons, 2-3 jittered, 9 slow over 7 days, rest random
    const slow = kind === 9;
    const n = slow ? 42 : 60 + Math.floor(rand() * 80); // ~100 on average
    const span = slow ? 7 * 86400 : 86400;
    const from = now - span;
    const period = span / n;
    let t = from + rand() * period;
    const src = `10.${(p >> 16) & 255}.${(p >> 8) & 255}.${p & 255}`;
    for (let i = 0; i < n; i++) {
      const strict = kind < 2 || (slow && p % 20 === 9);
      const ts = strict ? t + rand() * 0.5 : kind < 4 ? t + (rand() - 0.5) * period * 0.3 : from + rand() * span;
      batch.push({
        source: 'conn',
        src,
        dst: `203.0.113.${p % 250}`,
        variant: null,
        direction: 'outbound',
        ts,
        bytes: 100 + Math.floor(rand() * 50),
        port: 443,
        proto: 'tcp',
        service: 'ssl',
      });
      t += period;
    }
    total += n;
    if (batch.length > 50_000) flush();
  }
  flush();
  store.close();
  return { events: total, now };
}

interface RescoreFigures {
  scorers: string;
  pairs: number;
  seconds: number;
  loopMaxMs: number;
  loopP99Ms: number;
}

async function benchRescore(file: string, now: number, scorers: readonly Scorer[]): Promise<RescoreFigures> {
  const store = Store.open(file);
  try {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    // and a plain 1 ms timer chain: the longest wait beyond its due time
    let tickMax = 0;
    let due = performance.now() + 1;
    let ticking = true;
    const tick = () => {
      const late = performance.now() - due;
      if (late > tickMax) tickMax = late;
      due = performance.now() + 1;
      if (ticking) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    const t0 = performance.now();
    const { results } = await rescore(store, { now, windowS: 86400, gapS: 1, scorers });
    const seconds = (performance.now() - t0) / 1000;
    ticking = false;
    h.disable();
    return {
      scorers: scorers.map((s) => s.name).join('+'),
      pairs: results.length,
      seconds,
      loopMaxMs: Math.max(h.max / 1e6, tickMax),
      loopP99Ms: h.count > 0 ? h.percentile(99) / 1e6 : 0,
    };
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  log(`beaconwatch bench: ${ROUNDS} rounds, ${ROWS} generated rows, ${PAIRS} pairs to rescore; work dir ${work}`);
  const ingest: IngestFigures[] = [];
  const scans: ScanFigures[] = [];
  const scanNote = BUILT ? '' : 'scan not measured: the CLI is not built (run `npm run build`)';
  if (scanNote) log(scanNote);

  if (!RESCORE_ONLY) {
    const genDir = join(work, 'generated');
    mkdirSync(genDir, { recursive: true });
    const gen = join(genDir, 'conn.log');
    const g = writeConnLog(gen, { rows: ROWS, seed: 1, pairs: 5000, close: true });
    log(`generated ${fmt(g.rows)} rows, ${fmt(g.bytes / 1e6, 1)} MB`);
    if (BUILT) scans.push(benchScan(`generated conn.log (${fmt(ROWS)} rows)`, gen, [gen]));
    if (!SCAN_ONLY) ingest.push(benchIngest(`generated conn.log (${fmt(ROWS)} rows)`, [gen]));
    rmSync(genDir, { recursive: true, force: true });
  }
  if (!RESCORE_ONLY && BUILT && existsSync(SAMPLES)) {
    const dir = join(SAMPLES, 'rita', 'missing_host');
    scans.push(
      benchScan(
        'rita/missing_host (72 h, gz)',
        dir,
        (await findLogs([dir])).filter((f) => classifyLogFile(f)),
      ),
    );
  }
  const scanTable = [
    '| data | files | MB | scan s | awk s | scan ÷ awk rate | target | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...scans.map(
      (x, i) =>
        `| ${x.name} | ${x.files} | ${fmt(x.bytes / 1e6, 1)} | ${x.scanS.toFixed(2)} | ${x.awkS.toFixed(2)} | **${x.ratio.toFixed(2)}** | ${i === 0 ? '≥ 0.5' : '≥ 0.3'} | ${x.rssMb === null ? '-' : fmt(x.rssMb)} |`,
    ),
  ].join('\n');
  const scanVerdicts = scans.map((x, i) => {
    const target = i === 0 ? 0.5 : 0.3;
    return `scan ÷ awk on ${x.name}: ${x.ratio.toFixed(2)} (target ≥ ${target}) — ${x.ratio >= target ? 'met' : '**not met**'}; peak RSS ${x.rssMb === null ? '?' : fmt(x.rssMb)} MB — ${x.rssMb !== null && x.rssMb < 300 ? 'met' : '**not met**'}`;
  });
  if (SCAN_ONLY) {
    console.log(`\n${scanTable}\n\n${scanVerdicts.join('\n')}${scanNote ? `\n${scanNote}` : ''}`);
    return;
  }

  const sampleSets: [string, string][] = [
    ['rita/missing_host (72 h, gz)', 'rita/missing_host'],
    ['stratosphere (all)', 'stratosphere'],
  ];
  let samplesNote = '';
  if (RESCORE_ONLY) samplesNote = 'BENCH_ONLY=rescore: ingest not measured';
  else if (existsSync(SAMPLES)) {
    for (const [name, rel] of sampleSets) {
      const files = (await findLogs([join(SAMPLES, rel)])).filter((f) => classifyLogFile(f));
      ingest.push(benchIngest(name, files));
    }
  } else {
    samplesNote = `zeek samples not found at ${SAMPLES}: real-log rows skipped`;
    log(samplesNote);
  }

  const rsFile = join(work, 'rescore.sqlite');
  const filled = fillRescoreStore(rsFile, PAIRS);
  log(`rescore store: ${fmt(PAIRS)} pairs, ${fmt(filled.events)} events`);
  const rescores: RescoreFigures[] = [await benchRescore(rsFile, filled.now, [statsScorer])];
  let cnnNote: string;
  if (existsSync(join(ROOT, 'native-model', 'classifier.ts')) || existsSync(join(ROOT, 'native-model', 'classifier.js'))) {
    const loaded = await loadScorers({ log: (l) => log(`  ${l}`) });
    if (loaded.cnnProblem) cnnNote = `CNN not measured: ${loaded.cnnProblem}`;
    else {
      cnnNote = `CNN backend: ${loaded.backend}`;
      rescores.push(await benchRescore(rsFile, filled.now, loaded.scorers));
    }
    loaded.dispose();
  } else cnnNote = 'CNN not measured: native-model/classifier.ts absent';
  log(cnnNote);

  const rows = ingest.map(
    (x) =>
      `| ${x.name} | ${x.files} | ${fmt(x.bytes / 1e6, 1)} | ${fmt(x.lines)} | ${fmt(x.lines / x.ingestS)} | ${fmt(x.lines / x.awkS)} | **${x.ratio.toFixed(2)}** | ${x.ingestS.toFixed(2)} (${x.ingestWallS.toFixed(2)}) | ${x.awkS.toFixed(2)} | ${fmt(x.rssMb)} | ${x.storeBytesPerMEvents === null ? '-' : fmt(x.storeBytesPerMEvents / 1e6, 1)} |`,
  );
  const ingestTable = [
    '| data | files | MB | records | ingest records/s | awk records/s | ingest ÷ awk rate | ingest s (with start-up) | awk s | peak RSS MB | store MB per 1M events |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  const rescoreTable = [
    '| scorers | pairs | seconds | event-loop delay max ms | p99 ms |',
    '|---|---:|---:|---:|---:|',
    ...rescores.map((r) => `| ${r.scorers} | ${fmt(r.pairs)} | ${r.seconds.toFixed(2)} | ${r.loopMaxMs.toFixed(1)} | ${r.loopP99Ms.toFixed(1)} |`),
  ].join('\n');
  const worstRatio = ingest.length ? Math.min(...ingest.map((x) => x.ratio)) : NaN;
  const maxRss = ingest.length ? Math.max(...ingest.map((x) => x.rssMb)) : NaN;
  const slowest = Math.max(...rescores.map((r) => r.seconds));
  const verdicts = [
    ...scanVerdicts,
    `ingest ÷ awk: ${ingest.map((x) => x.ratio.toFixed(2)).join(', ')} — ${worstRatio >= 0.5 ? 'met' : '**not met**'}`,
    `ingest peak RSS: ${fmt(maxRss)} MB — ${maxRss < 300 ? 'met' : '**not met**'}`,
    `rescore of ${fmt(PAIRS)} pairs: ${rescores.map((r) => `${r.scorers} ${r.seconds.toFixed(2)} s`).join(', ')} — ${slowest < 10 ? 'met' : '**not met**'}`,
  ];
  const machine = `${availableParallelism()} cores (${cpuModel}), shared with other work; Node ${process.version}`;
  console.log(
    `\n${machine}\n\n${scanTable}\n\n${ingestTable}\n\n${rescoreTable}\n\n${verdicts.join('\n')}\n${cnnNote ? `\n${cnnNote}` : ''}${samplesNote ? `\n${samplesNote}` : ''}`,
  );

  if (!process.env.BENCH_NO_DOC && !RESCORE_ONLY) {
    const doc = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${when}.

Machine: ${machine}.
The cores are shared, so absolute times vary from run to run by a factor of two or more; **the
ratio to awk, measured side by side in the same run, is the figure to compare** between runs and
machines.

## Method

- **Scan, end to end**: \`node bin/beaconwatch.js scan --json --all TARGET > /dev/null\` as a
  user runs it (the built CLI: Node start-up, module loading including TensorFlow.js and the CNN,
  ingest into a temporary store, rescoring with statistics + CNN, building findings, JSON output),
  timed from outside as wall time; TARGET is the generated file or the missing_host folder.
  Against it, in the same round, \`awk -F'\\t' '{n[$3]++} END{for (k in n) c++; print c}'\` over
  the same files (the \`.gz\` ones through \`gzip -dc\`; for missing_host the logs the scan
  reads). ${ROUNDS} rounds, awk and scan alternately; the ratio is the median of the per-round
  ratios (awk s ÷ scan s = scan rate ÷ awk rate). Peak RSS: GNU time's maximum resident set of
  the scan process (highest of the rounds).
- **Ingest**: a child process (\`tests/support/ingest-child.ts\`, run with \`node --import tsx\`)
  reads the files into a fresh SQLite store with \`ingestFile\` (end to end: reading, parsing,
  pair extraction, SQLite writes with crash-safe transactions). The time is measured inside the
  child from opening the store to the last commit; in brackets the wall time including Node and
  tsx start-up. Records = data lines read.
- **awk**: \`awk -F'\\t' '{print $1, $3, $5}' FILES > /dev/null\` (mawk here; \`.gz\` files
  through \`gzip -dc\`), over exactly the same files. awk and the ingest run alternately,
  ${ROUNDS} rounds; medians reported; the ratio is the median of the per-round ratios
  (ingest rate ÷ awk rate, 1.0 = as fast as awk).
- **Peak RSS**: \`process.resourceUsage().maxRSS\` of the ingest child (highest of the rounds);
  it includes Node and the tsx loader (about 100 MB of it).
- **Store size**: bytes in use (\`page_count × page_size\`) after \`VACUUM\`, per million events.
- **Rescore**: ${fmt(PAIRS)} pairs × ~100 events over 24 h written straight into a store
  (20% strict beacons, 20% jittered, 50% random, and 10% slow pairs of 42 events over 7 days —
  half a 4 h beacon, half random — that take the multi-day path), then \`rescore\` with the statistical scorer,
  and with statistics + CNN when \`loadScorers()\` finds the model. Event-loop delay:
  \`perf_hooks.monitorEventLoopDelay\` (5 ms resolution) during the rescore.

Targets: scan end to end at least half of awk's rate on the 1M-record conn.log and 0.3 of it on
missing_host, peak RSS under 300 MB; ingest at least half of awk's rate, 10,000 pairs rescored
in under 10 s. This run:

${verdicts.map((v) => `- ${v}`).join('\n')}

## Scan, end to end

${scanTable}
${scanNote ? `\n${scanNote}\n` : ''}
## Ingest

${ingestTable}

## Rescore

${rescoreTable}
${cnnNote ? `\n${cnnNote}\n` : ''}${samplesNote ? `\n${samplesNote}\n` : ''}
## Notes

See the section below (kept by hand) for the profile and what was changed.
`;
    const docFile = join(ROOT, 'docs', 'benchmarks.md');
    const manual = existsSync(docFile) ? readManual(docFile) : '';
    writeFileSync(docFile, doc + (manual ? `\n${manual}` : ''));
    log(`wrote ${docFile}`);
  }
}

/** The hand-written part of docs/benchmarks.md (from its "## Profile" heading on) is kept. */
function readManual(file: string): string {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n## Profile');
  return at < 0 ? '' : text.slice(at + 1);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
