// The owner's case per finding (status, tags, note) through the real engine host: kept under the
// finding's id whichever member pair it was set on, laid over every answer, kept across a restart
// and a database upgrade, refused in words when malformed, and never a lever on the list: a
// "resolved" C2 keeps its score and state and still shows (GUIDE §6: nothing hides by the owner's
// bookkeeping unless the owner allow-lists or dismisses it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngineHost } from '../engine/service/create-host.js';
import { ApiError, parseApiArg } from '../engine/contract/api.js';
import { openDatabase } from '../db/open.js';
import { migrations } from '../db/migrations/index.js';
import { writePeriodicDnsLog } from './support/zeek-fixture.js';

const C2 = 'c2.evil.example';

test(
  'a case is stored per finding, shown on every answer, survives a restart and never moves a score or hides a row',
  { timeout: 120_000 },
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'bw-cases-'));
    const zeekDir = join(tmp, 'zeek');
    mkdirSync(zeekDir);
    writePeriodicDnsLog(join(zeekDir, 'dns.log'), '10.0.0.6', C2, 90);
    const dbFile = join(tmp, 'bw.sqlite');
    const open = () => createEngineHost({ dbFile, mode: 'serve', zeekDir, log: () => undefined });
    let host = await open();
    try {
      await host.start();
      await host.api.rescoreNow({});
      const before = (await host.api.listFindings({})).findings.find((f) => f.dst === C2);
      assert.ok(before, 'the beacon is a finding');
      assert.deepEqual(before.case, { status: 'open', tags: [], note: '', updatedAt: null }, 'no case yet reads as open');

      const memberPair = before.members[before.members.length - 1]!.pairId;
      const set = await host.api.setFindingCase({ pairId: memberPair, status: 'resolved', tags: ['lab', 'c2', 'lab'], note: 'reimaged the box' });
      assert.equal(set.findingId, before.findingId, 'kept under the finding, whichever member it was set on');
      assert.deepEqual([set.case?.status, set.case?.tags, set.case?.note], ['resolved', ['lab', 'c2'], 'reimaged the box']);

      // a patch changes only what it names
      await host.api.setFindingCase({ pairId: before.findingId, note: 'reimaged; watching' });
      const listed = (await host.api.listFindings({})).findings.find((f) => f.findingId === before.findingId)!;
      assert.deepEqual([listed.case?.status, listed.case?.tags, listed.case?.note], ['resolved', ['lab', 'c2'], 'reimaged; watching']);
      // bookkeeping only: the same score, state and place in the default list
      assert.equal(listed.score, before.score);
      assert.equal(listed.state, before.state);
      assert.equal(listed.state, 'new', 'a resolved C2 still alerts');
      assert.equal((await host.api.getPair({ pairId: before.findingId })).finding.case?.status, 'resolved');

      await assert.rejects(host.api.setFindingCase({ pairId: 987654 }), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
    } finally {
      await host.stop();
    }
    host = await open();
    try {
      await host.start();
      const again = (await host.api.listFindings({})).findings.find((f) => f.dst === C2)!;
      assert.deepEqual(
        [again.case?.status, again.case?.tags, again.case?.note],
        ['resolved', ['lab', 'c2'], 'reimaged; watching'],
        'kept across a restart',
      );
    } finally {
      await host.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);

test('a malformed case is refused naming the problem', () => {
  assert.throws(() => parseApiArg('setFindingCase', { pairId: 1, status: 'closed' }), /setFindingCase: status/);
  assert.throws(() => parseApiArg('setFindingCase', { pairId: 1, tags: ['two words'] }), /a tag is one word \(no spaces, commas or colons\)/);
  assert.throws(() => parseApiArg('setFindingCase', { pairId: 1, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), /setFindingCase: tags/);
  assert.deepEqual(parseApiArg('setFindingCase', { pairId: 1, tags: ['  lab '] }).tags, ['lab'], 'tags are trimmed');
});

test('a database from before the cases upgrades to them with its data kept', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-cases-upgrade-'));
  try {
    const file = join(tmp, 'old.sqlite');
    const old = openDatabase(
      file,
      migrations.filter((m) => m.version < 8),
    );
    old.prepare("INSERT INTO settings (key, value) VALUES ('retentionDays', '9')").run();
    old.close();
    const db = openDatabase(file);
    try {
      assert.equal(db.prepare("SELECT value FROM settings WHERE key = 'retentionDays'").pluck().get(), '9');
      assert.equal(db.prepare('SELECT COUNT(*) FROM schema_migrations WHERE version = 8').pluck().get(), 1, 'the cases migration ran');
      assert.deepEqual(db.prepare('SELECT COUNT(*) FROM finding_cases').pluck().get(), 0);
    } finally {
      db.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
