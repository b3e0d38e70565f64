// Issue 19: the read position never passes a row that is not stored with it. A one-shot scan
// (final) of a live conn.log that Zeek is still writing met an unterminated last line: it was
// counted (or dropped as truncated) and the position moved to the end of the file, inside that
// line. Once Zeek finished the line, every later read of the file failed ("not at a line
// boundary"): all later events were lost. Now the live file's partial line is left for the next
// read, said as a warning, and the store ends up exactly as a clean read of the finished file.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Store } from '../db/store.js';
import { ingestFile } from '../engine/ingest/ingest-file.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import type { LogProblem } from '../engine/zeek/reader.js';
import { connHeader, connRows } from './support/gen-conn-log.js';
import { comparePairs, pairEvents } from './support/kill-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-partial-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(db: string, log: string, problems: LogProblem[] = []): Promise<void> {
  const store = Store.open(db);
  try {
    await ingestFile(log, store.ingest, new PairExtractor(new LocalNetworks()), { final: true, onProblem: (p) => problems.push(p) });
  } finally {
    store.close();
  }
}

const first = connRows({ rows: 300, seed: 5, pairs: 6, startTs: 1795773600, spanS: 3000 });
const more = connRows({ rows: 80, seed: 6, pairs: 6, startTs: 1795776600, spanS: 800 });
const lastStart = first.lastIndexOf('\n', first.length - 2) + 1;

for (const [name, cut] of [
  ['inside the uid (too few columns)', lastStart + 30],
  ['inside the last column (a full row count, a cut value)', first.length - 4],
  ['just before the newline', first.length - 1],
] as const) {
  test(`scan of a live conn.log cut ${name}, then finished by Zeek: nothing lost, nothing twice`, async () => {
    const sub = mkdtempSync(join(dir, 'case-'));
    const log = join(sub, 'conn.log');
    writeFileSync(log, connHeader() + first.slice(0, cut));
    const db = join(sub, 'store.sqlite');
    const problems: LogProblem[] = [];
    await ingest(db, log, problems);
    assert.ok(
      problems.some((p) => /last line has no newline yet .*not read; it is read once complete/.test(p.problem)),
      JSON.stringify(problems),
    );
    appendFileSync(log, first.slice(cut) + more);
    const again: LogProblem[] = [];
    await ingest(db, log, again);
    assert.deepEqual(again, [], 'the finished line and the rows after it read without a problem');
    const cleanDb = join(sub, 'clean.sqlite');
    await ingest(cleanDb, log);
    const d = comparePairs(pairEvents(cleanDb), pairEvents(db));
    assert.equal(d.events, 380);
    assert.equal(d.differ, 0, d.examples.join('; '));
  });
}

test('an archive (rotated name) is complete: its unterminated last row is still read', async () => {
  const log = join(dir, 'conn.10:00:00-11:00:00.log');
  writeFileSync(log, connHeader() + first.slice(0, first.length - 1));
  const db = join(dir, 'archive.sqlite');
  await ingest(db, log);
  assert.equal(
    [...pairEvents(db).values()].reduce((n, a) => n + a.length, 0),
    300,
  );
});
