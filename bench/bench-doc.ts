// docs/benchmarks.md: the generated part (method, verdicts, tables) written afresh by each run,
// and the hand-kept part (from its "## Profile" heading on) carried over as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, log } from './bench-util.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BenchDocFigures {
  when: string;
  machine: string;
  rounds: number;
  pairs: number;
  verdicts: string[];
  scanTable: string;
  scanNote: string;
  ingestTable: string;
  rescoreTable: string;
  /** the hosting thread's event-loop delay, engine in-process and on a worker thread */
  responsivenessTable: string;
  detectTable: string;
  cnnNote: string;
  samplesNote: string;
  /** the site-scale envelope's tables (envelope/envelope-bench.ts) */
  envelopeTables: string;
}

const ENVELOPE_HEADING = '## Site-scale envelope';

/** The envelope's section: how it was measured, and its tables. */
export function envelopeSection(when: string, machine: string, tables: string): string {
  return `${ENVELOPE_HEADING}

A site day from the home simulator scaled up (bench/envelope/site-day.ts): each simulated home is
one VLAN of the site (10.x.y.0/24), homes are added until the site has the devices asked for,
and further homes are laid over the same devices until the day has the conn records asked for;
dns, http and ssl rows come with their conn rows (Zeek 6 TSV, one gzip archive per kind and hour
as the logger rotates them). For each size: \`beaconwatch scan --json --all DAY\` end to end
against awk over the same archives, alternately in the same run (the ratio is the median of
the per-round ratios, as above); ingest: \`beaconwatch scan --db STORE --now 1 DAY\` (a window
that ends before the data: reading and storing only), records (all four logs) ÷ wall time; then
on that store, in a process of its own: a full rescore through the engine API (\`rescoreNow\`,
statistics + CNN), 20 calls each of \`listFindings\`, \`listDevices\` and \`getPair\` (the top
finding) for their p95, and retention pruning the older half of the day (SQLite reuses the
freed pages; the file does not shrink). Store MB per day: the file after ingest, WAL
checkpointed; with the default 7-day retention a store settles at about seven times it. Peak
RSS: the largest of the scan, the ingest and the store process. Measured ${when}; ${machine}.

${tables}
`;
}

/** Replace (or add) the envelope's section in docs/benchmarks.md, leaving the rest as it is. */
export function writeEnvelopeSection(section: string): void {
  const docFile = join(ROOT, 'docs', 'benchmarks.md');
  const text = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(`\n${ENVELOPE_HEADING}\n`);
  const next = at < 0 ? -1 : text.indexOf('\n## ', at + 1);
  const notes = text.indexOf('\n## Notes\n');
  const out =
    at >= 0
      ? text.slice(0, at + 1) + section + (next < 0 ? '' : text.slice(next))
      : notes >= 0
        ? `${text.slice(0, notes + 1)}${section}${text.slice(notes)}`
        : `${text}\n${section}`;
  writeFileSync(docFile, out);
  log(`wrote the envelope section of ${docFile}`);
}

export function writeBenchDoc(f: BenchDocFigures): void {
  const doc = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${f.when}.

Machine: ${f.machine}.
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
  reads). ${f.rounds} rounds, awk and scan alternately; the ratio is the median of the per-round
  ratios (awk s ÷ scan s = scan rate ÷ awk rate). Peak RSS: GNU time's maximum resident set of
  the scan process (highest of the rounds).
- **Ingest**: a child process (\`tests/support/ingest-child.ts\`, run with \`node --import tsx\`)
  reads the files into a fresh SQLite store with \`ingestFile\` (end to end: reading, parsing,
  pair extraction, SQLite writes with crash-safe transactions). The time is measured inside the
  child from opening the store to the last commit; in brackets the wall time including Node and
  tsx start-up. Records = data lines read.
- **awk**: \`awk -F'\\t' '{print $1, $3, $5}' FILES > /dev/null\` (mawk here; \`.gz\` files
  through \`gzip -dc\`), over exactly the same files. awk and the ingest run alternately,
  ${f.rounds} rounds; medians reported; the ratio is the median of the per-round ratios
  (ingest rate ÷ awk rate, 1.0 = as fast as awk).
- **Peak RSS**: \`process.resourceUsage().maxRSS\` of the ingest child (highest of the rounds);
  it includes Node and the tsx loader (about 100 MB of it).
- **Store size**: bytes in use (\`page_count × page_size\`) after \`VACUUM\`, per million events.
- **Rescore**: ${fmt(f.pairs)} pairs × ~100 events over 24 h written straight into a store
  (20% strict beacons, 20% jittered, 50% random, and 10% slow pairs of 42 events over 7 days —
  half a 4 h beacon, half random — that take the multi-day path), then \`rescore\` with the statistical scorer,
  and with statistics + CNN when \`loadScorers()\` finds the model. Event-loop delay:
  \`perf_hooks.monitorEventLoopDelay\` (5 ms resolution) during the rescore.

Targets: scan end to end at least half of awk's rate on the 1M-record conn.log and 0.3 of it on
missing_host, peak RSS under 300 MB; ingest at least half of awk's rate, 10,000 pairs rescored
in under 10 s. This run:

${f.verdicts.map((v) => `- ${v}`).join('\n')}

## Scan, end to end

${f.scanTable}
${f.scanNote ? `\n${f.scanNote}\n` : ''}
## Ingest

${f.ingestTable}

## Rescore

${f.rescoreTable}
${f.cnnNote ? `\n${f.cnnNote}\n` : ''}${f.samplesNote ? `\n${f.samplesNote}\n` : ''}
## Responsiveness

The hosting thread's event-loop delay (Electron main's, where windows, tray and IPC run) while the
engine backfills, rescores and follows live logs with the overview reloading each second; goal:
max < 50 ms. The desktop hosts the engine on a worker thread; in-process is how it was hosted before.

${f.responsivenessTable}

## Time to detect

A beacon that starts in a followed folder with background traffic: how long until it alerts,
with the quick pass between full rescores (engine/service/quick-rescore.ts) and with the hourly
rescore alone. Goal (issue 20): ≤ 10 min for a 60 s sleep, ≤ three sleeps for the others.

${f.detectTable}

${envelopeSection(f.when, f.machine, f.envelopeTables)}
## Notes

See the section below (kept by hand) for the profile and what was changed.
`;
  const docFile = join(ROOT, 'docs', 'benchmarks.md');
  const manual = existsSync(docFile) ? readManual(docFile) : '';
  writeFileSync(docFile, doc + (manual ? `\n${manual}` : ''));
  log(`wrote ${docFile}`);
}

/** The hand-written part of docs/benchmarks.md (from its "## Profile" heading on) is kept. */
function readManual(file: string): string {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('\n## Profile');
  return at < 0 ? '' : text.slice(at + 1);
}
