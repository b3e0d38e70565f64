// `npm run bench`: `beaconwatch scan --json --all` end to end as a user runs it (start-up, ingest,
// scoring, output) against awk reading the same files, ingest throughput against awk (alternating
// rounds, medians), peak RSS, store bytes per million events, rescoring 10,000 pairs and the
// event loop's delay meanwhile. Prints a table and writes docs/benchmarks.md. The scan runs the
// built CLI (dist/): run `npm run build` first. The parts: scan-bench.ts, ingest-bench.ts,
// rescore-bench.ts, bench-doc.ts (the document), bench-util.ts (awk, medians).
//
// The machine may be shared: every speed is also given as a ratio to awk measured in the same
// run, round by round (awk, ingest, awk, ingest, ...), which is the figure to compare.
//   BENCH_ROUNDS=3  BENCH_ROWS=1000000  BENCH_PAIRS=10000  BENCH_NO_DOC=1 (do not write the doc)
//   BENCH_ONLY=rescore (only the rescore timing; implies BENCH_NO_DOC)
//   BENCH_ONLY=scan (only the end-to-end scan rows; implies BENCH_NO_DOC)
//   BENCH_ONLY=crash (only the crash check: scan --db SIGKILLed BENCH_KILLS=20 times; crash-bench.ts)
//   BENCH_ONLY=detect (only the time to detect a new beacon with the quick pass; detect-bench.ts)
//   BENCH_ONLY=intel (only the threat-intel feeds at real sizes: parse, store, index, listing cost;
//   intel-bench.ts; BENCH_INTEL_HOSTS, BENCH_PAIRS)
//   BENCH_ONLY=ingest (only the ingest throughput on the generated conn.log, the conn fast path)
//   BENCH_ONLY=clickhouse (only the site stores side by side: a generated day appended to SQLite and
//   to a clickhouse-server started for it; site-store-bench.ts)
//   BENCH_ONLY=responsiveness (only the hosting thread's event-loop delay, engine in-process and
//   on a worker thread: responsiveness-bench.ts; BENCH_ROWS records backfilled)
//   BENCH_ONLY=envelope (only the site-scale envelope: envelope/envelope-bench.ts; writes its own
//   section of docs/benchmarks.md unless BENCH_NO_DOC) ENVELOPE_MAX=2M (largest conn records a
//   day of the ladder run: 100 and 500 devices, ~4 min; 5M adds 2,000 devices, ~30 min; 50M all) ENVELOPE_ROUNDS (scan/awk rounds per size;
//   default 3 under 2M conn records, else 1)
//   ENVELOPE_SIZES=100x200k,2000x20M (devices x conn records: instead of the ladder, all run)
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLogs } from '../engine/ingest/find-logs.js';
import { statsScorer } from '../engine/score/stats-scorer.js';
import { loadScorers } from '../engine/score/scorers.js';
import { classifyLogFile } from '../engine/zeek/log-names.js';
import { writeConnLog } from '../tests/support/gen-conn-log.js';
import { fmt, log } from './bench-util.js';
import { benchScan, type ScanFigures } from './scan-bench.js';
import { benchIngest, type IngestFigures } from './ingest-bench.js';
import { benchRescore, fillRescoreStore, type RescoreFigures } from './rescore-bench.js';
import { envelopeSection, writeBenchDoc, writeEnvelopeSection } from './bench-doc.js';
import { benchEnvelope, envelopeTables, parseRecords, parseSizes } from './envelope/envelope-bench.js';
import { benchCrash } from './crash-bench.js';
import { detectFigures, detectTable } from './detect-bench.js';
import { benchResponsiveness, responsivenessTable } from './responsiveness-bench.js';
import { benchIntel } from './intel-bench.js';
import { benchSiteStores } from './site-store-bench.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = join(ROOT, '..', 'shared', 'zeek-samples');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 10_000);
const work = mkdtempSync(join(tmpdir(), 'beaconwatch-bench-'));
const RESCORE_ONLY = process.env.BENCH_ONLY === 'rescore';
const SCAN_ONLY = process.env.BENCH_ONLY === 'scan';
const CRASH_ONLY = process.env.BENCH_ONLY === 'crash';
const KILLS = Number(process.env.BENCH_KILLS ?? 20);
const RESPONSIVENESS_ONLY = process.env.BENCH_ONLY === 'responsiveness';
const DETECT_ONLY = process.env.BENCH_ONLY === 'detect';
const INGEST_ONLY = process.env.BENCH_ONLY === 'ingest';
const ENVELOPE_ONLY = process.env.BENCH_ONLY === 'envelope';
const ENVELOPE_MAX = parseRecords(process.env.ENVELOPE_MAX ?? '2M');
const ENVELOPE = {
  maxRecords: ENVELOPE_MAX,
  ...(process.env.ENVELOPE_ROUNDS ? { rounds: Number(process.env.ENVELOPE_ROUNDS) } : {}),
  ...(process.env.ENVELOPE_SIZES ? { sizes: parseSizes(process.env.ENVELOPE_SIZES) } : {}),
};
const BUILT = existsSync(join(ROOT, 'dist', 'engine', 'cli', 'run.js'));

async function main(): Promise<void> {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${availableParallelism()} cores (${cpuModel}), shared with other work; Node ${process.version}`;
  log(`beaconwatch bench: ${ROUNDS} rounds, ${ROWS} generated rows, ${PAIRS} pairs to rescore; work dir ${work}`);
  if (CRASH_ONLY) {
    const c = await benchCrash(work, ROWS, KILLS);
    console.log(
      `crash: ${c.kills} SIGKILLs of scan --db, ${fmt(c.pairs)} pairs compared with a clean run: ${c.differ} differ${c.examples.length ? ` (${c.examples.join('; ')})` : ''}`,
    );
    if (c.differ > 0 || c.kills < KILLS) process.exitCode = 1;
    return;
  }
  if (process.env.BENCH_ONLY === 'clickhouse') {
    console.log(`\n${await benchSiteStores(work)}`);
    return;
  }
  if (process.env.BENCH_ONLY === 'intel') {
    console.log(`\n${benchIntel()}`);
    return;
  }
  if (ENVELOPE_ONLY) {
    if (!BUILT) throw new Error('the envelope runs the built CLI: run `npm run build` first');
    const tables = envelopeTables(benchEnvelope(work, ENVELOPE));
    console.log(`\n${machine}\n\n${tables}`);
    if (!process.env.BENCH_NO_DOC) writeEnvelopeSection(envelopeSection(when, machine, tables));
    return;
  }
  if (DETECT_ONLY) {
    console.log(`\n${await timeToDetect()}`);
    return;
  }
  if (RESPONSIVENESS_ONLY) {
    const figures = [await benchResponsiveness(work, ROWS, false), await benchResponsiveness(work, ROWS, true)];
    console.log(`\n${responsivenessTable(figures)}`);
    return;
  }
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
    if (BUILT && !INGEST_ONLY) scans.push(benchScan(`generated conn.log (${fmt(ROWS)} rows)`, gen, [gen], ROUNDS));
    if (!SCAN_ONLY) ingest.push(benchIngest(`generated conn.log (${fmt(ROWS)} rows)`, [gen], { rounds: ROUNDS, work }));
    rmSync(genDir, { recursive: true, force: true });
  }
  if (INGEST_ONLY) {
    for (const x of ingest)
      console.log(
        `ingest ${x.name}: ${fmt(x.lines / x.ingestS)} records/s, awk ${fmt(x.lines / x.awkS)} records/s, ingest ÷ awk ${x.ratio.toFixed(3)}`,
      );
    return;
  }
  if (!RESCORE_ONLY && BUILT && existsSync(SAMPLES)) {
    const dir = join(SAMPLES, 'rita', 'missing_host');
    scans.push(
      benchScan(
        'rita/missing_host (72 h, gz)',
        dir,
        (await findLogs([dir])).filter((f) => classifyLogFile(f)),
        ROUNDS,
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
      ingest.push(benchIngest(name, files, { rounds: ROUNDS, work }));
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

  const responsiveness = responsivenessTable([await benchResponsiveness(work, ROWS, false), await benchResponsiveness(work, ROWS, true)]);

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
  const crash = await benchCrash(work, ROWS, KILLS);
  const detect = await timeToDetect();
  const verdicts = [
    ...scanVerdicts,
    `ingest ÷ awk: ${ingest.map((x) => x.ratio.toFixed(2)).join(', ')} — ${worstRatio >= 0.5 ? 'met' : '**not met**'}`,
    `ingest peak RSS: ${fmt(maxRss)} MB — ${maxRss < 300 ? 'met' : '**not met**'}`,
    `rescore of ${fmt(PAIRS)} pairs: ${rescores.map((r) => `${r.scorers} ${r.seconds.toFixed(2)} s`).join(', ')} — ${slowest < 10 ? 'met' : '**not met**'}`,
    `crash: ${crash.kills} SIGKILLs of scan --db, ${fmt(crash.pairs)} pairs compared with a clean run: ${crash.differ} differ — ${crash.differ === 0 && crash.kills >= KILLS ? 'met' : '**not met**'}`,
  ];
  const envelope = BUILT ? envelopeTables(benchEnvelope(work, ENVELOPE)) : 'envelope not measured: the CLI is not built (run `npm run build`)';
  console.log(
    `\n${machine}\n\n${scanTable}\n\n${ingestTable}\n\n${rescoreTable}\n\n${responsiveness}\n\n${detect}\n\n${envelope}\n\n${verdicts.join('\n')}\n${cnnNote ? `\n${cnnNote}` : ''}${samplesNote ? `\n${samplesNote}` : ''}`,
  );

  if (!process.env.BENCH_NO_DOC && !RESCORE_ONLY) {
    writeBenchDoc({
      when,
      machine,
      rounds: ROUNDS,
      pairs: PAIRS,
      verdicts,
      scanTable,
      scanNote,
      ingestTable,
      rescoreTable,
      responsivenessTable: responsiveness,
      detectTable: detect,
      cnnNote,
      samplesNote,
      envelopeTables: envelope,
    });
  }
}

/** the time-to-detect table for a 1, 5 and 30 min sleep (detect-bench.ts) */
async function timeToDetect(): Promise<string> {
  const loaded = await loadScorers();
  try {
    const { quick, hourly } = await detectFigures(work, loaded.scorers);
    return detectTable(quick, hourly, loaded.scorers.map((s) => s.name).join('+'));
  } finally {
    loaded.dispose();
  }
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
