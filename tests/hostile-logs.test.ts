// Issue 9: real sensors and hostile logs, through the command line as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runCli } from './support/cli.js';
import { DNS_HEADER, dnsLog, dnsRows } from './support/dns-log.js';

test('scan --json escapes C1 controls, CSI and bidi overrides from the logs', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-'));
  // Zeek writes non-printable bytes as \xNN: U+009B (one-byte CSI) and U+202E (RLO) in UTF-8
  writeFileSync(join(dir, 'dns.log'), dnsLog(dnsRows(40, 'evil\\xc2\\x9b31m\\xe2\\x80\\xaegnp.example')));
  const r = await runCli(['scan', '--all', '--json', '--no-cnn', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /[\u007f-\u009f\u202e]/);
  const rows = jsonLines<{ dst: string }>(r.stdout);
  assert.ok(
    rows.some((x) => x.dst === 'evil\u009b31m\u202egnp.example'),
    'the JSON still holds the real name',
  );
});

test('one JSON row nested 6,000 deep costs that row only, counted and reported', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-'));
  const row = (i: number, query: unknown) =>
    JSON.stringify({
      ts: 1_790_000_000 + i * 60,
      uid: `C${i}`,
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 5353,
      'id.resp_h': '10.0.0.1',
      'id.resp_p': 53,
      proto: 'udp',
      query,
      rcode: 3,
      rcode_name: 'NXDOMAIN',
    });
  const deep = `{"ts":1790006000.5,"id.orig_h":"10.0.0.5","id.resp_h":"10.0.0.1","query":${'['.repeat(6000)}${']'.repeat(6000)}}`;
  const lines = Array.from({ length: 200 }, (_, i) => row(i, 'dead.example'));
  lines.splice(100, 0, deep);
  writeFileSync(join(dir, 'dns.log'), `${lines.join('\n')}\n`);
  const r = await runCli(['scan', '--all', '--json', '--no-cnn', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /dns\.log: 1 row\(s\) skipped: could not be decoded \(Maximum call stack size exceeded\)/);
  const found = jsonLines<{ dst: string; events: number }>(r.stdout).find((x) => x.dst === 'dead.example');
  assert.equal(found?.events, 200, 'all 200 good rows stored');
});

test('a far-future row costs only itself: reported, and the window stays on the data', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-'));
  const rows = dnsRows(200, 'dead.example');
  rows.splice(50, 0, '99999999999.000000\tCx\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\tdead.example\t3\tNXDOMAIN');
  rows.splice(60, 0, '-\tCy\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\tdead.example\t3\tNXDOMAIN');
  rows.splice(70, 0, 'NaN\tCz\t10.0.0.5\t5353\t10.0.0.1\t53\tudp\tdead.example\t3\tNXDOMAIN');
  rows.splice(80, 0, '1790003000.000000\tCw\t-\t5353\t10.0.0.1\t53\tudp\tdead.example\t3\tNXDOMAIN');
  writeFileSync(join(dir, 'dns.log'), dnsLog(rows));
  const r = await runCli(['scan', '--all', '--json', '--no-cnn', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /dns\.log: 1 row\(s\) skipped: timestamp too far in the future \(e\.g\. ts 99999999999\)/);
  assert.match(r.stderr, /dns\.log: 2 row\(s\) skipped: no usable timestamp/);
  assert.match(r.stderr, /dns\.log: 1 row\(s\) skipped: no source or destination address/);
  const found = jsonLines<{ dst: string; events: number; last_seen: string }>(r.stdout).find((x) => x.dst === 'dead.example');
  assert.equal(found?.events, 200);
  assert.equal(found?.last_seen, new Date((1_790_000_000 + 199 * 60) * 1000).toISOString());
});

test('a log without id.* columns, and a dns.log named conn.log, are reported', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-hostile-'));
  const noIds = DNS_HEADER.map((l) => (l.startsWith('#fields') ? l.replace(/id\./g, 'x.') : l));
  writeFileSync(join(dir, 'dns.log'), `${[...noIds, ...dnsRows(10, 'a.example')].join('\n')}\n`);
  writeFileSync(join(dir, 'conn.log'), dnsLog(dnsRows(40, 'b.example')));
  const r = await runCli(['scan', '--all', '--json', '--no-cnn', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /dns\.log: 10 row\(s\) skipped: no source or destination address/);
  assert.match(r.stderr, /conn\.log: #path is "dns" but the name says conn: read as dns/);
  const rows = jsonLines<{ source: string; dst: string }>(r.stdout);
  assert.ok(rows.some((x) => x.source === 'dns' && x.dst === 'b.example'));
  assert.ok(!rows.some((x) => x.source === 'conn'));
});
