// The UI's "Export CSV" and `beaconwatch scan --csv` write the same columns, neutralise
// spreadsheet formulas and quote attacker strings; `scan --csv` runs on a real sample, and the
// byte columns (CSV and JSON) carry the pairs' totals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CSV_COLUMNS as CLI_COLUMNS, csvCell as cliCell } from '../engine/cli/csv.js';
import { CSV_COLUMNS as UI_COLUMNS, csvCell as uiCell } from '../renderer/src/lib/export.js';
import { runCli } from './support/cli.js';
import { sample, samplesMissing } from './support/samples.js';

test('the UI export and scan --csv share their columns', () => {
  assert.deepEqual([...UI_COLUMNS], [...CLI_COLUMNS]);
  for (const c of ['source', 'src', 'dst', 'device', 'period_s', 'jitter', 'score', 'state', 'first_seen', 'last_seen']) {
    assert.ok((CLI_COLUMNS as readonly string[]).includes(c), c);
  }
});

test('cells: formulas neutralised, quotes and line breaks quoted, control characters replaced', () => {
  for (const cell of [cliCell, uiCell]) {
    assert.equal(cell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(cell('+1'), "'+1");
    assert.equal(cell('-2'), "'-2");
    assert.equal(cell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(cell('a,b'), '"a,b"');
    assert.equal(cell('a\nb'), 'a\uFFFDb');
    assert.equal(cell('time.apple.com'), 'time.apple.com');
    assert.equal(cell(0.5), '0.5');
    assert.equal(cell(null), '');
  }
});

test(
  'scan --csv on rita/missing_host: a header row, then one row per pair with its finding',
  { skip: samplesMissing, timeout: 240_000 },
  async () => {
    const r = await runCli(['scan', '--csv', '--all', '--no-cnn', sample('rita/missing_host')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], CLI_COLUMNS.join(','));
    assert.ok(lines.length > 20, `only ${lines.length} lines`);
    const beacon = lines.find((l) => l.includes(',73.54.23.243,') && l.includes(',64.225.56.201,'));
    assert.ok(beacon, 'the beacon pair is listed');
    assert.match(beacon, /^\d+,(http|conn),73\.54\.23\.243,/);
    // the byte columns: the conn pair's totals over its life and its typical check-in
    const at = (name: string) => CLI_COLUMNS.indexOf(name as (typeof CLI_COLUMNS)[number]);
    const conn = lines.find((l) => /^\d+,conn,73\.54\.23\.243,/.test(l) && l.includes(',64.225.56.201,'));
    assert.ok(conn, "the beacon's conn pair is listed");
    const cells = conn.split(',');
    // counted from the row's end: the summary before them may hold quoted commas
    const cell = (name: string) => cells[cells.length - (CLI_COLUMNS.length - at(name))]!;
    assert.ok(at('sent_bytes') > at('summary'), 'the byte columns follow the summary');
    const tail = ['sent_bytes', 'received_bytes', 'typical_bytes'].map((n) => Number(cell(n)));
    assert.ok(
      tail.every((x) => Number.isInteger(x) && x > 0),
      `sent, received, typical: ${cells.slice(-3).join(',')}`,
    );
    const f = await runCli(['scan', '--csv', '--findings', '--no-cnn', sample('rita/missing_host')]);
    assert.equal(f.code, 0, f.stderr);
    assert.equal(f.stdout.split('\n')[0], CLI_COLUMNS.join(','));
  },
);

test('the scan table fits 80 columns (names cut with …); --wide shows them in full', { skip: samplesMissing, timeout: 240_000 }, async () => {
  const r = await runCli(['scan', '--all', '--no-cnn', sample('rita/missing_host')]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.length > 5);
  for (const l of lines) assert.ok([...l].length <= 80, `${[...l].length} columns: ${l}`);
  assert.ok(
    lines.some((l) => l.includes('…')),
    'long names are cut',
  );
  const wide = await runCli(['scan', '--wide', '--all', '--no-cnn', sample('rita/missing_host')]);
  assert.match(wide.stdout, /201\.56\.225\.64\.in-addr\.arpa/);
  assert.match(wide.stdout, /^score +device +talks to +every +n +state \/ why/);
});

test(
  "scan --json carries the byte fields: stratosphere/003's RAT sent far more than it received",
  { skip: samplesMissing, timeout: 240_000 },
  async () => {
    const r = await runCli(['scan', '--json', '--findings', '--all', '--no-cnn', sample('stratosphere/003-zeek-scenario-malicious')]);
    assert.equal(r.code, 0, r.stderr);
    const findings = r.stdout
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            src: string;
            dst: string;
            sent_bytes: number | null;
            received_bytes: number | null;
            typical_bytes: number | null;
            reasons: { text: string }[];
          },
      );
    const rat = findings.find((f) => f.src === '10.8.0.61' && f.dst === '147.32.83.234');
    assert.ok(rat, 'the RAT is a finding');
    assert.ok(rat.sent_bytes! > 1000 * rat.received_bytes!, `sent ${rat.sent_bytes}, received ${rat.received_bytes}`);
    assert.ok(rat.typical_bytes! > 0);
    assert.ok(
      rat.reasons.some((x) => /^sent 42 MB, received 5\.8 kB: far more out than in/.test(x.text)),
      JSON.stringify(rat.reasons),
    );
    const pairs = await runCli(['scan', '--json', '--all', '--no-cnn', sample('stratosphere/003-zeek-scenario-malicious')]);
    const pair = pairs.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { source: string; src: string; dst: string; sent_bytes: number | null; received_bytes: number | null })
      .find((p) => p.source === 'conn' && p.src === '10.8.0.61' && p.dst === '147.32.83.234');
    assert.deepEqual([pair?.sent_bytes, pair?.received_bytes], [rat.sent_bytes, rat.received_bytes]);
  },
);
