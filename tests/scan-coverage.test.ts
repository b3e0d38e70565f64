// Issue 18, honest coverage: `scan` keeps its 24 h window but says what it left out, next to every
// "nothing found" and under every table, and --all-time scores everything. On the whole
// multi-day samples folder, NjRAT, the Android RAT and the missing_host beacon are outside the
// last 24 h (../shared/zeek-samples/README.md). A folder holding nothing readable is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from './support/cli.js';
import { SAMPLES, samplesMissing } from './support/samples.js';

interface FindingRow {
  src: string;
  dst: string;
  state: string;
  members: { dst: string }[];
}
interface Summary {
  summary: { shown: number; coverage: { pairs_outside: number; pairs_in_window: number; all_time: boolean; partial: boolean; sentence: string } };
}

/** the known beacons, as (device, destination) */
const BEACONS = [
  ['192.168.1.115', '41.108.179.197'], // NjRAT
  ['10.8.0.61', '147.32.83.234'], // Android RAT
  ['73.54.23.243', '64.225.56.201'], // missing_host's empty-Host HTTP beacon
] as const;

const has = (rows: FindingRow[], [src, dst]: readonly [string, string]) =>
  rows.some((r) => r.src === src && (r.dst === dst || r.members.some((m) => m.dst === dst)));

const summaryOf = (stderr: string): Summary['summary'] => {
  const line = stderr.split('\n').find((l) => l.startsWith('{"summary"'));
  assert.ok(line, `no summary line on stderr: ${stderr.slice(-1000)}`);
  return (JSON.parse(line) as Summary).summary;
};

test(
  'scan of the multi-day samples: the coverage sentence names the pairs outside the 24 h, and --all-time brings the beacons in',
  {
    skip: samplesMissing,
    timeout: 300_000,
  },
  async () => {
    const table = await runCli(['scan', '--no-cnn', SAMPLES]);
    assert.equal(table.code, 0, table.stderr.slice(-2000));
    // nothing above the threshold in the last 24 h: said with what was not scored, and how to include it
    assert.match(table.stdout, /No finding above the alert threshold/);
    // the footer wraps to the table's 80 columns: read it as one line
    assert.ok(table.stdout.split('\n').every((l) => [...l].length <= 80 || l.startsWith('No finding')));
    assert.match(
      table.stdout.replace(/\n(?!Coverage)/g, ' '),
      /Coverage: [\d,]+ days of logs \(1970-01-01 – 2024-04-29\); scored the 24 h ending 2024-04-29 \d\d:\d\d UTC \([\d,]+ pairs\); [\d,]+ pairs \([\d,]+ events\) outside it: --all-time to include them; 1 file of [\d,]+ unreadable or not Zeek logs; [\d,]+ rows skipped as malformed\./,
    );

    const day = await runCli(['scan', '--no-cnn', '--findings', '--json', '--all', SAMPLES]);
    assert.equal(day.code, 0, day.stderr.slice(-2000));
    const daySummary = summaryOf(day.stderr);
    assert.ok(daySummary.coverage.pairs_outside > 30_000, JSON.stringify(daySummary.coverage));
    assert.equal(daySummary.coverage.partial, true);
    // the samples hold test logs dated 1970: a window of years is no advice, --all-time is
    assert.match(daySummary.coverage.sentence, /pairs \([\d,]+ events\) outside it: --all-time to include them/);
    const dayRows = jsonLines<FindingRow>(day.stdout);
    for (const b of BEACONS) assert.ok(!has(dayRows, b), `${b.join(' -> ')} is outside the last 24 h`);

    const all = await runCli(['scan', '--no-cnn', '--findings', '--json', '--all-time', SAMPLES]);
    assert.equal(all.code, 0, all.stderr.slice(-2000));
    const allRows = jsonLines<FindingRow>(all.stdout);
    for (const b of BEACONS) {
      assert.ok(has(allRows, b), `${b.join(' -> ')} is listed with --all-time`);
      assert.ok(
        allRows.some((r) => r.src === b[0] && (r.dst === b[1] || r.members.some((m) => m.dst === b[1])) && r.state === 'new'),
        `${b.join(' -> ')} is new`,
      );
    }
    const allSummary = summaryOf(all.stderr);
    assert.equal(allSummary.coverage.all_time, true);
    assert.equal(allSummary.coverage.pairs_outside, 0);
    assert.match(allSummary.coverage.sentence, /scored all of it \([\d,]+ pairs, window ending 2024-04-29 \d\d:\d\d UTC\); nothing outside it/);
  },
);

test('scan of a folder holding only a text file, or nothing: an error naming the folder and the reason', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'bw-scan-nolog-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const prose = join(root, 'prose');
  mkdirSync(prose);
  writeFileSync(join(prose, 'conn.log'), 'These are my notes, not a Zeek log.\nA second line.\n');
  const notes = join(root, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'notes.txt'), 'hello\n');
  const empty = join(root, 'empty');
  mkdirSync(empty);

  const p = await runCli(['scan', '--no-cnn', prose]);
  assert.equal(p.code, 1, p.stdout);
  assert.match(
    p.stderr,
    new RegExp(
      `beaconwatch: no readable Zeek log in ${prose}: 1 file named like a Zeek log, which could not be read as one \\(${prose}/conn\\.log: not a Zeek log \\(no #fields header, not JSON\\)\\)`,
    ),
  );
  assert.doesNotMatch(p.stdout, /No finding/);

  const n = await runCli(['scan', '--no-cnn', notes]);
  assert.equal(n.code, 1, n.stdout);
  assert.match(
    n.stderr,
    new RegExp(
      `beaconwatch: no Zeek logs in ${notes}: looked for conn, dns, http, ssl and dhcp logs .*; it holds 1 entry, none named like a Zeek log`,
    ),
  );

  const e = await runCli(['scan', '--no-cnn', empty]);
  assert.equal(e.code, 1, e.stdout);
  assert.match(e.stderr, new RegExp(`beaconwatch: no Zeek logs in ${empty}: .*; the folder is empty`));
});
