// Rules that match everything are refused unless forced (issue 8, item 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { openDatabase } from '../../db/open.js';
import { Store } from '../../db/store.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from './allowlist.js';
import { registerAllowCommand } from '../cli/allow-command.js';

const NOW = 1_800_000_000;
const list = () => new Allowlist(new AllowRuleStore(openDatabase(':memory:')));

test('0.0.0.0/0, ::/0, ::ffff:0:0/96 and an all-devices rule are refused, saying what they would hide', () => {
  const l = list();
  for (const dst of ['0.0.0.0/0', '::/0', '::ffff:0:0/96']) {
    assert.throws(
      () => l.add({ dst }, NOW),
      (e: Error) =>
        /refused: dst .* matches every IPv[46] address: it would hide all traffic from every device/.test(e.message) && /force/.test(e.message),
      dst,
    );
  }
  assert.throws(() => l.add({ src: '0.0.0.0/0', port: 443 }, NOW), /no effective restriction/);
  assert.throws(() => l.add({ dst: '0.0.0.0/0', src: '192.168.1.5', source: 'conn' }, NOW), /hide all conn pairs traffic from 192\.168\.1\.5/);
  assert.equal(l.rules().filter((r) => !r.builtin).length, 0);
  // narrower ranges are fine
  l.add({ dst: '10.0.0.0/8' }, NOW);
  l.add({ dst: '0.0.0.0/1', src: '192.168.1.5' }, NOW);
});

test('splits that together cover the whole space are refused unless forced', () => {
  const l = list();
  const half = l.add({ dst: '0.0.0.0/1' }, NOW);
  assert.throws(
    () => l.add({ dst: '128.0.0.0/1' }, NOW),
    new RegExp(`together with your rules ${half.id} \\(0\\.0\\.0\\.0/1\\) covers every IPv4 address`),
  );
  // a different device scope is a different rule: no union
  l.add({ dst: '128.0.0.0/1', src: '192.168.1.5' }, NOW);
  // four quarters of IPv6
  const six = list();
  six.add({ dst: '::/2' }, NOW);
  six.add({ dst: '4000::/2' }, NOW);
  six.add({ dst: '8000::/2' }, NOW);
  assert.throws(() => six.add({ dst: 'c000::/2' }, NOW), /covers every IPv6 address/);
  // forced: stored, with a warning
  const forced = l.add({ dst: '128.0.0.0/1', force: true }, NOW);
  assert.equal(forced.dst, '128.0.0.0/1');
  assert.match(l.lastWarnings.join(), /accepted because forced/);
  assert.ok(!('force' in forced));
  // an update that widens a rule to everything is refused too
  assert.throws(() => l.update(half.id, { dst: '0.0.0.0/0' }, NOW), /refused/);
});

test('import refuses a match-everything rule (nothing stored) unless forced', () => {
  const l = list();
  const doc = JSON.stringify({ format: 'beaconwatch-allowlist', version: 1, rules: [{ dst: 'a.example.com' }, { dst: '::/0' }] });
  assert.throws(() => l.importJson(doc, NOW), /import refused, nothing was stored: rules\[1\]: refused: dst ::\/0/);
  assert.equal(l.rules().filter((r) => !r.builtin).length, 0);
  assert.deepEqual(l.importJson(doc, NOW, true), { added: 2, replaced: 0 });
  // a file cannot force itself
  const selfForced = JSON.stringify({ format: 'beaconwatch-allowlist', version: 1, rules: [{ dst: '0.0.0.0/0', force: true }] });
  assert.throws(() => list().importJson(selfForced, NOW), /force/);
});

test('beaconwatch allow add|import --force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-broad-'));
  const run = async (...args: string[]) => {
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
  };
  try {
    const db = join(dir, 'a.sqlite');
    const refused = await run('allow', 'add', '--db', db, '--dst', '0.0.0.0/0');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /refused: dst 0\.0\.0\.0\/0 matches every IPv4 address.*--force/);
    const forced = await run('allow', 'add', '--db', db, '--dst', '0.0.0.0/0', '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.match(forced.err, /warning: accepted because forced/);
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify({ format: 'beaconwatch-allowlist', version: 1, rules: [{ dst: '::/0' }] }));
    assert.equal((await run('allow', 'import', '--db', db, file)).code, 1);
    const imp = await run('allow', 'import', '--db', db, file, '--force');
    assert.equal(imp.code, 0, imp.err);
    assert.match(imp.err, /warning: rules\[0\]: accepted because forced/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
