// Issue 9, item 10: a damaged, read-only or full database is named with the fix; the usage text
// is only for usage errors.
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { explainStoreError } from '../db/store-errors.js';
import { runCli } from './support/cli.js';
import { connHeader, connRows } from './support/gen-conn-log.js';
import { sample, samplesMissing as skip } from './support/samples.js';

const root = mkdtempSync(join(tmpdir(), 'bw-store-errors-'));
after(() => rmSync(root, { recursive: true, force: true }));
const logs = join(root, 'logs');
mkdirSync(logs);
writeFileSync(join(logs, 'conn.log'), connHeader('2026-11-27-10-00-00') + connRows({ rows: 20, seed: 1, startTs: 1795773600, spanS: 200, pairs: 3 }));

test('a file that is not a database: named, with the fix, and no usage text', { timeout: 60_000 }, async () => {
  const db = join(root, 'junk.sqlite');
  writeFileSync(db, Buffer.alloc(20_000, 0x41));
  for (const args of [
    ['scan', '--no-cnn', '--db', db, logs],
    ['allow', 'list', '--db', db],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, new RegExp(`the database ${db} is damaged .*Move it aside`));
    assert.doesNotMatch(r.stderr, /Usage:/, 'runtime errors print no usage text');
  }
  const usage = await runCli(['allow', 'add', '--bogus']);
  assert.match(usage.stderr, /Usage:|unknown option/, 'a usage error still explains the usage');
});

test('a database damaged after it was written: scan names it and the fix', { skip, timeout: 120_000 }, async () => {
  const db = join(root, 'damaged.sqlite');
  const first = await runCli(['scan', '--no-cnn', '--db', db, sample('rita/proxy')]);
  assert.equal(first.code, 0, first.stderr);
  const size = statSync(db).size;
  const fd = openSync(db, 'r+');
  writeSync(fd, Buffer.alloc(Math.min(size - 8192, 64 << 10), 0xee), 0, Math.min(size - 8192, 64 << 10), 8192);
  closeSync(fd);
  const r = await runCli(['scan', '--no-cnn', '--db', db, sample('rita/proxy')]);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stderr, new RegExp(`the database ${db} is damaged`));
  assert.doesNotMatch(r.stderr, /Usage:/);
});

test('a database on a read-only place: named, with the fix', { timeout: 60_000 }, async () => {
  const r = await runCli(['scan', '--no-cnn', '--db', '/proc/beaconwatch.sqlite', logs]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot write the database \/proc\/beaconwatch\.sqlite .*read-only.*--db/);
});

test('explainStoreError: full disk, read-only, damaged; null for anything else', () => {
  const full = explainStoreError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), '/var/db/b.sqlite');
  assert.match(full!, /disk holding the database \/var\/db\/b\.sqlite is full .*Free some space/);
  assert.match(
    explainStoreError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), '/x')!,
    /cannot write the database \/x/,
  );
  assert.match(explainStoreError(new Error('database disk image is malformed'), '/x')!, /damaged/);
  assert.equal(explainStoreError(new Error('not a Zeek log'), '/x'), null);
});
