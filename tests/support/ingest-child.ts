// A separate process that ingests Zeek logs into a SQLite store, for the crash test (which
// SIGKILLs it) and the benchmark (which reads its time and peak RSS). Several files share
// transactions (IngestGroup), as a scan of many small archives should; --no-group commits
// each file on its own.
//   node --import tsx tests/support/ingest-child.ts DB_FILE LOG_FILE... [--live] [--batch N] [--commit N] [--no-group]
// Prints one JSON line: {events, lines, files, ms, cpuMs, maxRssKb} (ms/cpuMs: the ingest alone,
// without process start-up).
import { Store } from '../../db/store.js';
import { IngestGroup, ingestFile } from '../../engine/ingest/ingest-file.js';
import { PairExtractor } from '../../engine/pairs/extract.js';
import { LocalNetworks } from '../../engine/pairs/local-networks.js';

const args = process.argv.slice(2);
let final = true;
let batchLines: number | undefined;
let commitLines: number | undefined;
let grouped = true;
const positional: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--live') final = false;
  else if (a === '--batch') batchLines = Number(args[++i]);
  else if (a === '--commit') commitLines = Number(args[++i]);
  else if (a === '--no-group') grouped = false;
  else positional.push(a);
}
const [dbFile, ...logs] = positional;
if (!dbFile || logs.length === 0) {
  console.error('usage: ingest-child.ts DB_FILE LOG_FILE... [--live] [--batch N] [--commit N] [--no-group]');
  process.exit(2);
}

const store = Store.open(dbFile);
const extractor = new PairExtractor(new LocalNetworks());
const started = performance.now();
const cpu0 = process.cpuUsage();
let events = 0;
let lines = 0;
let files = 0;
const group =
  grouped && logs.length > 1 ? new IngestGroup(store.ingest, commitLines ? { commitLines: Math.max(commitLines, batchLines ?? 0) } : {}) : undefined;
for (const log of logs) {
  const r = await ingestFile(log, store.ingest, extractor, {
    final,
    ...(batchLines ? { batchLines } : {}),
    ...(commitLines ? { commitLines } : {}),
    ...(group ? { group } : {}),
    onProblem: (p) => console.error(`problem: ${p.file}: ${p.problem}`),
  });
  events += r.events;
  lines += r.lines;
  if (r.kind) files++;
}
group?.flush();
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
store.close();
console.log(JSON.stringify({ events, lines, files, ms, cpuMs, maxRssKb: process.resourceUsage().maxRSS }));
