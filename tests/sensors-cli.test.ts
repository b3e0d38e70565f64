// `--sensor name=DIR` on the command line: scan names each finding's sensor in JSON and CSV, and
// a bad sensor (no `=`, a repeated name, a missing folder) is refused in words before anything runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from './support/cli.js';
import { writePeriodicDnsLog } from './support/zeek-fixture.js';

function sites(): { tmp: string; house: string; workshop: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-sensor-cli-'));
  const house = join(tmp, 'house');
  const workshop = join(tmp, 'workshop');
  mkdirSync(house);
  mkdirSync(workshop);
  writePeriodicDnsLog(join(house, 'dns.log'), '192.168.1.10', 'house-c2.example.net', 60);
  writePeriodicDnsLog(join(workshop, 'dns.log'), '192.168.1.10', 'shop-c2.example.org', 90);
  return { tmp, house, workshop };
}

test('scan --sensor a=DIR --sensor b=DIR: every finding names its sensor (JSON and CSV)', { timeout: 180_000 }, async () => {
  const { tmp, house, workshop } = sites();
  try {
    const r = await runCli(['scan', '--no-cnn', '--json', '--findings', '--sensor', `house=${house}`, '--sensor', `workshop=${workshop}`]);
    assert.equal(r.code, 0, r.stderr);
    const found = jsonLines<{ sensor: string; src: string; dst: string }>(r.stdout)
      .filter((f) => f.src === '192.168.1.10')
      .map((f) => [f.sensor, f.dst])
      .sort();
    assert.deepEqual(found, [
      ['house', 'house-c2.example.net'],
      ['workshop', 'shop-c2.example.org'],
    ]);
    const csv = await runCli(['scan', '--no-cnn', '--csv', '--findings', '--sensor', `workshop=${workshop}`]);
    assert.equal(csv.code, 0, csv.stderr);
    const [head, ...rows] = csv.stdout.trim().split('\n');
    assert.equal(head!.split(',').at(-1), 'sensor');
    assert.ok(rows.length > 0 && rows.every((l) => l.endsWith(',workshop')), csv.stdout);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a bad --sensor is refused in words', { timeout: 180_000 }, async () => {
  const { tmp, house } = sites();
  try {
    const noEquals = await runCli(['scan', '--sensor', house]);
    assert.equal(noEquals.code, 1);
    assert.match(noEquals.stderr, /is not name=folder/);
    const twice = await runCli(['scan', '--sensor', `a=${house}`, '--sensor', `a=${house}`]);
    assert.match(twice.stderr, /sensor name "a" is given twice/);
    const missing = await runCli(['watch', '--db', join(tmp, 'w.sqlite'), '--sensor', `garage=${join(tmp, 'nope')}`]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /sensor garage: .*nope does not exist/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
