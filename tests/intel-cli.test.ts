// The intel commands as a user runs them (the CLI from the sources, in a child process): an
// import for a sensor without internet, the list, and `scan --intel` on a real capture, where the
// listed beacon and a quiet address a list names show as "known C2 address contacted".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from './support/cli.js';
import { REPO_ROOT } from './support/samples.js';

const SAMPLE = join(REPO_ROOT, '../shared/zeek-samples/stratosphere/001-zeek-scenario-malicious/conn.log');

test('beaconwatch intel import / list, and scan --intel on a real capture', { timeout: 180_000 }, async (t) => {
  if (!existsSync(SAMPLE)) return t.skip(`${SAMPLE} not found`);
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-cli-'));
  try {
    const db = join(dir, 'bw.sqlite');
    const feodo = join(dir, 'ipblocklist.csv');
    writeFileSync(
      feodo,
      [
        '# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)',
        '# "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"',
        '"2026-11-02 07:44:46","41.108.179.197","1177","online","2026-12-06","NjRAT"',
        '',
      ].join('\n'),
    );
    const imp = await runCli(['intel', 'import', feodo, '--db', db]);
    assert.equal(imp.code, 0, imp.stderr);
    assert.equal(imp.stdout, 'feodo: updated, 1 entries\n');
    const list = await runCli(['intel', 'list', '--db', db]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /\nfeodo\s+on\s+1\s+just now\n/);

    const quiet = join(dir, 'mine.txt');
    writeFileSync(quiet, '# my list\n54.247.115.15\n');
    const table = await runCli(['scan', SAMPLE, '--no-cnn', '--wide', '--intel', feodo, quiet]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /41\.108\.179\.197 .*known C2 address contacted(?: \(since start\))?: Feodo Tracker lists 41\.108\.179\.197 as NjRAT C2 \(first seen 2026-11-02\)/,
    );
    // known C2 first: a listed destination ranks above every unlisted one
    assert.match(table.stdout, /^score[^\n]*\n[^\n]*41\.108\.179\.197[^\n]*\n[^\n]*54\.247\.115\.15/);
    assert.match(table.stdout, /54\.247\.115\.15 .*known C2 address contacted(?: \(since start\))?: mine\.txt lists 54\.247\.115\.15/);
    const json = jsonLines<{ dst: string; state: string; intel: { label: string } | null }>(
      (await runCli(['scan', SAMPLE, '--no-cnn', '--json', '--findings', '--intel', quiet])).stdout,
    );
    assert.deepEqual(
      json.filter((f) => f.intel).map((f) => [f.dst, f.state, f.intel!.label]),
      [['54.247.115.15', 'new', 'known C2 address contacted']],
    );
    const without = jsonLines<{ dst: string }>((await runCli(['scan', SAMPLE, '--no-cnn', '--json', '--findings'])).stdout);
    assert.equal(
      without.some((f) => f.dst === '54.247.115.15'),
      false,
      'without the list, three connections are no finding',
    );
    const bad = await runCli(['scan', SAMPLE, '--no-cnn', '--intel', join(dir, 'missing.txt')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /missing\.txt/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
