// Crash safety of the ingest: a child process ingesting a large conn.log is SIGKILLed at random
// moments mid-ingest, restarted each time, and finally left to finish. The store must then hold
// exactly one event per data row (nothing lost, nothing twice), every pair the same timestamps as
// a clean run's store (totals can agree while one pair lost an event and another gained one) and
// the same traits (bytes each way, durations), and the file's read position must be the file's
// end; a further ingest adds nothing.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { writeConnLog } from './support/gen-conn-log.js';
import { comparePairs, pairEvents, pairTraits } from './support/kill-harness.js';

const CHILD = fileURLToPath(new URL('./support/ingest-child.ts', import.meta.url));
const ROWS = 250_000;
const KILLS = 10;
/** small transactions, so that a run makes visible progress quickly and kills land mid-ingest */
const CHILD_ARGS = ['--commit', '4000', '--batch', '2000'];

const dir = mkdtempSync(join(tmpdir(), 'bw-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface ChildExit {
  code: number | null;
  signal: string | null;
  /** stdout: the child's JSON summary line */
  stdout: string;
  /** stdout and stderr, for failure messages */
  out: string;
}

function startChild(db: string, log: string, args: readonly string[] = CHILD_ARGS): { child: ChildProcess; done: Promise<ChildExit> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, log, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<ChildExit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, out })));
  return { child, done };
}

/** Events the store says it holds for the file (its log_files row), read by a second connection. */
function storedEvents(db: string): number {
  try {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      c.pragma('busy_timeout = 2000');
      const r = c.prepare('SELECT COALESCE(SUM(events), 0) AS n FROM log_files').get() as { n: number } | undefined;
      return r?.n ?? 0;
    } finally {
      c.close();
    }
  } catch {
    return 0; // not created yet, or the schema is being written
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`SIGKILL at ${KILLS}+ random points mid-ingest: exact event count, offset at the end, idempotent`, { timeout: 240_000 }, async () => {
  const log = join(dir, 'conn.log');
  writeConnLog(log, { rows: ROWS, seed: 7, pairs: 3000, close: true });
  // count the data rows ourselves (every conn row here yields exactly one event)
  const text = readFileSync(log, 'latin1');
  let dataRows = 0;
  for (const line of text.split('\n')) if (line.length > 0 && !line.startsWith('#')) dataRows++;
  assert.equal(dataRows, ROWS);
  const size = statSync(log).size;
  const db = join(dir, 'store.sqlite');

  let kills = 0;
  let runs = 0;
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const killedAt: number[] = [];
  while (kills < KILLS && runs < 40) {
    runs++;
    const before = storedEvents(db);
    const { child, done } = startChild(db, log);
    let exited = false;
    void done.then(() => (exited = true));
    // wait for this run's first commit, then a random while longer
    const t0 = Date.now();
    while (!exited && storedEvents(db) <= before && Date.now() - t0 < 30_000) await sleep(5);
    await sleep(Math.floor(rand() * 120));
    if (exited) break; // finished before we could kill it: no more kills possible
    child.kill('SIGKILL');
    const r = await done;
    assert.equal(r.signal, 'SIGKILL', r.out);
    const n = storedEvents(db);
    if (n > before && n < ROWS) {
      kills++;
      killedAt.push(n);
    }
    // the store is consistent after every kill: events table, pair counts and file record agree
    const c = new Database(db, { readonly: true });
    const events = (c.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n;
    const pairSum = (c.prepare('SELECT COALESCE(SUM(event_count), 0) AS n FROM pairs').get() as { n: number }).n;
    c.close();
    assert.equal(events, n, 'events table matches the file record after a kill');
    assert.equal(pairSum, n, 'pair counts match the events after a kill');
  }
  assert.ok(kills >= KILLS, `only ${kills} kills landed mid-ingest in ${runs} runs (at ${killedAt.join(', ')} events)`);

  // let it finish, with the default (large) transactions
  const final = await startChild(db, log, []).done;
  assert.equal(final.code, 0, final.out);
  const c = new Database(db, { readonly: true });
  const events = (c.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n;
  const files = c.prepare('SELECT offset, events, lines FROM log_files').all() as { offset: number; events: number; lines: number }[];
  const pairSum = (c.prepare('SELECT SUM(event_count) AS n FROM pairs').get() as { n: number }).n;
  c.close();
  assert.equal(events, dataRows, `exactly one event per row after ${kills} kills (at ${killedAt.join(', ')} events)`);
  assert.equal(pairSum, dataRows);
  assert.equal(files.length, 1);
  assert.equal(files[0]!.offset, size, 'the read position is the end of the file');
  assert.equal(files[0]!.events, dataRows);
  assert.equal(files[0]!.lines, dataRows);

  // pair by pair, timestamp by timestamp: the same as a run that was never killed
  const cleanDb = join(dir, 'clean.sqlite');
  const clean = await startChild(cleanDb, log, []).done;
  assert.equal(clean.code, 0, clean.out);
  const diff = comparePairs(pairEvents(cleanDb), pairEvents(db));
  assert.ok(diff.pairs > 1000, `${diff.pairs} pairs compared`);
  assert.equal(diff.differ, 0, `${diff.differ} of ${diff.pairs} pairs differ after ${kills} kills: ${diff.examples.join('; ')}`);
  // the pairs' traits (bytes each way, durations, the longest connection) too: they are written
  // in the events' transaction, so a kill loses or doubles them never
  const cleanTraits = pairTraits(cleanDb);
  const killedTraits = pairTraits(db);
  assert.ok(cleanTraits.size > 1000, `${cleanTraits.size} pairs with traits`);
  assert.equal(killedTraits.size, cleanTraits.size);
  const traitDiff = [...cleanTraits].filter(([k, v]) => killedTraits.get(k) !== v);
  assert.deepEqual(traitDiff.slice(0, 3), [], `${traitDiff.length} pairs' traits differ after ${kills} kills`);

  // once more: nothing is added
  const again = await startChild(db, log, []).done;
  assert.equal(again.code, 0, again.out);
  assert.equal(JSON.parse(again.stdout.trim()).events, 0);
  const c2 = new Database(db, { readonly: true });
  assert.equal((c2.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n, dataRows);
  c2.close();
});
