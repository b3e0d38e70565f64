import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { Store } from '../../db/store.js';
import { registerAllowCommand, parseExpiry } from '../cli/allow-command.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-allow-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Run `beaconwatch <args>` in-process; returns exit code and captured output. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command('beaconwatch');
  program.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerAllowCommand(program, (file) => Store.open(file ?? join(dir, 'default.sqlite')));
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    throw e;
  }
}

test('add, list, rm through the CLI persist in the --db file', async () => {
  const db = join(dir, 'a.sqlite');
  const add = await run('allow', 'add', '--db', db, '--dst', '*.Example.com', '--src', '192.168.1.5', '--note', 'printer', '--expires', '7d');
  assert.equal(add.code, 0, add.err);
  const id = /added (r-[0-9a-f]+): from 192\.168\.1\.5 to \*\.example\.com until /.exec(add.out)?.[1];
  assert.ok(id, add.out);
  const ntp = await run('allow', 'add', '--db', db, '--dst', '203.0.113.9', '--proto', 'udp', '--port', '123');
  assert.equal(ntp.code, 0, ntp.err);

  const list = await run('allow', 'list', '--db', db);
  assert.equal(list.code, 0);
  assert.match(list.out, /^ID\s+KIND\s+STATE/);
  assert.match(list.out, /ntp-pool\s+built-in\s+enabled\s+to \*\.pool\.ntp\.org/);
  assert.match(list.out, new RegExp(`${id}\\s+own\\s+enabled\\s+from 192\\.168\\.1\\.5 to \\*\\.example\\.com`));
  assert.match(list.out, /to 203\.0\.113\.9 udp\/123/);

  const json = await run('allow', 'list', '--json', '--db', db);
  const rules = JSON.parse(json.out) as { id: string; builtin: boolean; note: string }[];
  assert.equal(rules.filter((r) => !r.builtin).length, 2);
  assert.equal(rules.find((r) => r.id === id)?.note, 'printer');

  assert.equal((await run('allow', 'rm', id!, '--db', db)).code, 0);
  const again = await run('allow', 'rm', id!, '--db', db);
  assert.equal(again.code, 1);
  assert.match(again.err, /no rule with id/);
  const builtin = await run('allow', 'rm', 'ntp-pool', '--db', db);
  assert.equal(builtin.code, 1);
  assert.match(builtin.err, /cannot be removed; disable it instead: beaconwatch allow disable ntp-pool/);
});

test('disable and enable: a built-in entry or an own rule stops matching and comes back, kept', async () => {
  const db = join(dir, 'd.sqlite');
  const off = await run('allow', 'disable', 'ntp-pool', '--db', db);
  assert.equal(off.code, 0, off.err);
  assert.match(off.out, /^disabled ntp-pool: to \*\.pool\.ntp\.org/);
  assert.match((await run('allow', 'list', '--db', db)).out, /ntp-pool\s+built-in\s+disabled/);
  const on = await run('allow', 'enable', 'ntp-pool', '--db', db);
  assert.equal(on.code, 0, on.err);
  assert.match((await run('allow', 'list', '--db', db)).out, /ntp-pool\s+built-in\s+enabled/);

  const add = await run('allow', 'add', '--db', db, '--dst', 'nas.example.net');
  const id = /added (r-[0-9a-f]+)/.exec(add.out)![1]!;
  assert.equal((await run('allow', 'disable', id, '--db', db)).code, 0);
  assert.match((await run('allow', 'list', '--db', db)).out, new RegExp(`${id}\\s+own\\s+disabled`));

  const none = await run('allow', 'disable', 'no-such-rule', '--db', db);
  assert.equal(none.code, 1);
  assert.match(none.err, /no rule with id "no-such-rule"/);
});

test('bad rules and bad arguments exit non-zero with a clear message', async () => {
  const db = join(dir, 'b.sqlite');
  const suffix = await run('allow', 'add', '--db', db, '--dst', '*.co.uk');
  assert.equal(suffix.code, 1);
  assert.match(suffix.err, /dst: "\*\.co\.uk" is a public suffix/);
  const nothing = await run('allow', 'add', '--db', db, '--note', 'x');
  assert.equal(nothing.code, 1);
  assert.match(nothing.err, /needs a destination \(dst\) or a device \(src\)/);
  const port = await run('allow', 'add', '--db', db, '--dst', 'a.example.com', '--port', '99999');
  assert.equal(port.code, 1);
  assert.match(port.err, /port/);
  const source = await run('allow', 'add', '--db', db, '--dst', 'a.example.com', '--source', 'smtp');
  assert.equal(source.code, 1);
  const expires = await run('allow', 'add', '--db', db, '--dst', 'a.example.com', '--expires', 'next tuesday');
  assert.equal(expires.code, 1);
  assert.match(expires.err, /is not a time/);
  const list = await run('allow', 'list', '--json', '--db', db);
  assert.equal((JSON.parse(list.out) as { builtin: boolean }[]).filter((r) => !r.builtin).length, 0);
});

test('export to stdout and file, import from file; missing or bad import files fail', async () => {
  const db = join(dir, 'c.sqlite');
  await run('allow', 'add', '--db', db, '--dst', 'hub.example.org', '--note', 'evil\u001b]0;title\u0007note\u009b');
  const stdout = await run('allow', 'export', '--db', db);
  assert.equal(stdout.code, 0);
  assert.equal(JSON.parse(stdout.out).format, 'beaconwatch-allowlist');
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(stdout.out), 'no raw control characters on stdout');

  const file = join(dir, 'export.json');
  assert.equal((await run('allow', 'export', file, '--db', db)).code, 0);
  const db2 = join(dir, 'd.sqlite');
  const imp = await run('allow', 'import', file, '--db', db2);
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /1 added, 0 replaced/);
  const list = await run('allow', 'list', '--db', db2);
  assert.match(list.out, /to hub\.example\.org/);
  assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(list.out), 'notes are cleaned for the terminal');

  const missing = await run('allow', 'import', join(dir, 'nope.json'), '--db', db2);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /cannot read .*nope\.json: ENOENT/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ format: 'beaconwatch-allowlist', version: 1, rules: [{ dst: 'ok.example.org' }, { dst: '*.com' }] }));
  const refused = await run('allow', 'import', bad, '--db', db2);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /rules\[1\]\.dst: "\*\.com" is a public suffix/);
  const after = await run('allow', 'list', '--json', '--db', db2);
  assert.ok(!after.out.includes('ok.example.org'), 'nothing stored from the refused file');
  assert.ok(readFileSync(file, 'utf8').endsWith('\n'));
});

test('--expires accepts durations and instants', () => {
  assert.equal(parseExpiry('7d', 1000), 1000 + 7 * 86400);
  assert.equal(parseExpiry('12h', 0), 43200);
  assert.equal(parseExpiry('2030-01-01T00:00:00Z', 0), Date.UTC(2030, 0, 1) / 1000);
  assert.throws(() => parseExpiry('soon', 0));
});
