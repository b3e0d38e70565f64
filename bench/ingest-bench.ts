// Ingest throughput: a child process reads the files into a fresh store with `ingestFile`
// (tests/support/ingest-child.ts), alternating with awk over the same files; store bytes per
// million events after VACUUM.
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../db/store.js';
import { log, median, runAwk } from './bench-util.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = join(ROOT, 'tests', 'support', 'ingest-child.ts');

export interface IngestFigures {
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

export function benchIngest(name: string, files: string[], opts: { rounds: number; work: string }): IngestFigures {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const db = join(opts.work, `${name.replace(/\W+/g, '-')}.sqlite`);
  const awk: number[] = [];
  const ing: ReturnType<typeof runIngest>[] = [];
  for (let r = 0; r < opts.rounds; r++) {
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
