// Issue 9, item 11: an empty or wrong folder is a red state, and a live folder whose newest log
// is hours old asks whether Zeek is running.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createEngineHost } from '../engine/service/create-host.js';
import { connHeader, connRows } from './support/gen-conn-log.js';

const root = mkdtempSync(join(tmpdir(), 'bw-logdir-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a folder without Zeek logs: status names the folder and what was looked for', { timeout: 60_000 }, async () => {
  const dir = join(root, 'etc-like');
  mkdirSync(dir);
  writeFileSync(join(dir, 'passwd'), 'root:x:0:0\n');
  const host = await createEngineHost({ dbFile: join(root, 'a.sqlite'), mode: 'serve', zeekDir: dir, log: () => undefined });
  try {
    await host.start();
    const s = await host.api.getStatus({});
    assert.equal(s.logDir?.state, 'no-logs');
    assert.match(s.logDir!.message!, new RegExp(`No Zeek logs in ${dir}: looked for conn, dns, http, ssl and dhcp logs`));
    const [c] = await host.api.detectZeekDirs({ path: dir });
    assert.deepEqual([c!.path, c!.exists, c!.hasLogs], [dir, true, false]);
    assert.match(c!.problem!, /No Zeek logs in/);
  } finally {
    await host.stop();
  }
});

test('a live folder whose newest log is 3 h old: "no new logs since …: is Zeek running?"', { timeout: 60_000 }, async () => {
  const dir = join(root, 'stale');
  mkdirSync(dir);
  const file = join(dir, 'conn.log');
  writeFileSync(
    file,
    connHeader('2026-11-27-10-00-00') + connRows({ rows: 20, seed: 1, startTs: Date.now() / 1000 - 4 * 3600, spanS: 600, pairs: 3 }),
  );
  const old = new Date(Date.now() - 3 * 3600 * 1000);
  utimesSync(file, old, old);
  const host = await createEngineHost({ dbFile: join(root, 'b.sqlite'), mode: 'serve', zeekDir: dir, log: () => undefined });
  try {
    await host.start();
    const s = await host.api.getStatus({});
    assert.equal(s.logDir?.state, 'stale');
    assert.match(s.logDir!.message!, /no new logs since \d{4}-\d\d-\d\dT[\d:]+Z: is Zeek running\?/i);
  } finally {
    await host.stop();
  }
});

// Issue 18: a folder whose only file is named like a log but is prose (rita/text_file) was "ok"
// (the tailer leaves a live conn.log without rows for later and says nothing), so the overview
// said "No device is beaconing" for good; an empty folder did for the first seconds.
test('a folder holding only a text file named conn.log is an error from the first status', { timeout: 60_000 }, async () => {
  const dir = join(root, 'prose');
  mkdirSync(dir);
  writeFileSync(join(dir, 'conn.log'), 'These are my notes, not a Zeek log.\nA second line.\n');
  const host = await createEngineHost({ dbFile: join(root, 'c.sqlite'), mode: 'serve', zeekDir: dir, log: () => undefined });
  const expected = new RegExp(
    `^No readable Zeek log in ${dir}: 1 file named like a Zeek log, which could not be read as one \\(${dir}/conn\\.log: not a Zeek log \\(no #fields header, not JSON\\)\\)`,
  );
  try {
    // before the host starts, while it starts, and after its first rescore: never anything else
    const before = await host.api.getStatus({});
    assert.equal(before.logDir?.state, 'unreadable');
    assert.match(before.logDir!.message!, expected);
    const starting = host.start();
    assert.equal((await host.api.getStatus({})).logDir?.state, 'unreadable');
    await starting;
    const s = await host.api.getStatus({});
    assert.equal(s.logDir?.state, 'unreadable');
    assert.match(s.logDir!.message!, expected);
    // the coverage said next to the empty list counts the file
    assert.match(s.coverageNote!.sentence, /1 file of 1 unreadable or not Zeek logs/);
    assert.equal(s.coverageNote!.partial, true);
  } finally {
    await host.stop();
  }
});

test('an empty folder is "no logs" from the first status, before the host has started', { timeout: 60_000 }, async () => {
  const dir = join(root, 'empty');
  mkdirSync(dir);
  const host = await createEngineHost({ dbFile: join(root, 'd.sqlite'), mode: 'serve', zeekDir: dir, log: () => undefined });
  try {
    const first = await host.api.getStatus({});
    assert.equal(first.logDir?.state, 'no-logs');
    assert.match(first.logDir!.message!, new RegExp(`^No Zeek logs in ${dir}: looked for .*; the folder is empty\\.`));
    await host.start();
    assert.equal((await host.api.getStatus({})).logDir?.state, 'no-logs');
  } finally {
    await host.stop();
  }
});
