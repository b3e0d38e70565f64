// Zeek's own test baselines: escaping, UTF-8, (empty) vs -, odd separators, JSON timestamps.
// Many start with a `### BTest` line and mask timestamps; they test parsing, not time.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseZeekTime } from './time.js';
import { needSamples, readAll, sample } from '../../tests/support/zeek-read.js';

const B = 'zeek-baselines/scripts.base.frameworks.logging.';

test('ascii-escape-binary: \\xNN decoded to bytes, \\\\ to one backslash', needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-escape-binary/test.log`), { fields: ['s'], final: true });
  const s = r.rows.map((row) => row[0]);
  assert.equal(s.length, 11);
  assert.equal(s[0], 'AB\x00CD\x00');
  assert.equal(s[1], 'AB\xffCD\x00'); // a lone 0xff is not UTF-8: kept as latin1 ÿ, not U+FFFD
  assert.equal(s[2], 'AB\\xffCD\x00'); // the text "\xff", escaped by Zeek as \\xff
  assert.equal(s[8], 'foo \u00ae bar \\xc2\\xae baz'); // \xc2\xae is UTF-8 for ®
  assert.equal(s[9], 'foo\x00bar\\0baz');
});

test('unset vs empty vs escaped look-alikes: \\x2d is "-", (empty) is \'\', - is null', needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-escape-notset-str/test.log`), { fields: ['x', 'y', 'z'], final: true });
  assert.deepEqual(r.rows, [['-', null, '']]);
  const e = await readAll(sample(`${B}ascii-escape-empty-str/test.log`), { fields: ['ss'], final: true });
  assert.equal(e.batches[0]!.header.emptyField, 'EMPTY');
  assert.deepEqual(e.rows, [['EMPTY']]); // written \x45MPTY: a real string, not the empty marker
});

test('multi-character separator "||" with escaped separators in values', needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-escape/ssh.log`), { fields: ['status', 'country', 't'], final: true });
  assert.equal(r.batches[0]!.header.separator, '||');
  assert.deepEqual(
    r.rows.map((row) => row[0]),
    ['success', 'failure', 'fa||ure', 'su||ess', 'failure'],
  );
  assert.equal(r.rows[0]?.[2], 'XXXXXXXXXX.XXXXXX');
  assert.equal(parseZeekTime(r.rows[0]?.[2] ?? null), null); // masked time
});

test('sets: escaped set separator decoded, elements stay comma-joined', needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-escape-set-separator/test.log`), { fields: ['ss'], final: true });
  assert.deepEqual(r.rows, [[',,CC,,,,AA']]);
});

test('a data line that starts with an escaped # is a row, not a comment', needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-line-like-comment/test.log`), { fields: ['data', 'c'], final: true });
  assert.deepEqual(r.rows, [
    ['Test1', '42'],
    ['#Kaputt', '42'],
    ['Test2', '42'],
  ]);
});

test('JSON with ISO 8601 timestamps after a ### BTest line', needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-json-iso-timestamps/ssh.log`), { fields: ['t'], final: true });
  assert.equal(r.rows.length, 10);
  assert.equal(r.rows[0]?.[0], '2008-07-09T16:13:30.005432Z');
  assert.ok(Math.abs(parseZeekTime(r.rows[0]?.[0] ?? null)! - 1215620010.005432) < 1e-6);
  assert.ok(Math.abs(parseZeekTime(r.rows[2]?.[0] ?? null)! - -0.4) < 1e-6);
});

test('negative timestamps, epoch and ISO', needSamples, async () => {
  const epoch = await readAll(sample(`${B}ascii-negative-ts/test.log.ts_epoch`), { fields: ['ts'], final: true });
  assert.deepEqual(epoch.rows, [['-315619200']]);
  const iso = await readAll(sample(`${B}ascii-negative-ts/test.log.ts_iso8601`), { fields: ['ts'], final: true });
  assert.equal(parseZeekTime(iso.rows[0]?.[0] ?? null), -315619200);
});

test("raw UTF-8 in JSON is decoded as UTF-8; Zeek's \\\\xNN text is left as written", needSamples, async () => {
  const r = await readAll(sample(`${B}ascii-json-utf8/ssh-tsv.log`), { fields: ['s'], final: true });
  assert.equal(r.rows[2]?.[0], 'ñ');
  assert.equal(r.rows[3]?.[0], '\\xc3(');
});

test('zeek-cut logs: no #separator line, invalid/empty/zero times', needSamples, async () => {
  const inv = await readAll(sample('zeek-baselines/zeek-cut-logs/invalid-time.log'), { fields: ['ts', 'test'], final: true });
  assert.deepEqual(
    inv.rows.map((r) => parseZeekTime(r[0] ?? null)),
    [null, -12345.123456, null, null, 123456789],
  );
  assert.equal(inv.rows[3]?.[0], '');
  const zero = await readAll(sample('zeek-baselines/zeek-cut-logs/zerotime.log'), { fields: ['ts', 'id.resp_h'], final: true });
  assert.equal(zero.rows.length, 6);
  assert.equal(parseZeekTime(zero.rows[0]?.[0] ?? null), 0);
  assert.equal(zero.rows[0]?.[1], '2001:470:4867:99::21');
});

test('JSON non-printable escaping and TSV escaped UTF-8 agree on the URI', needSamples, async () => {
  const tsv = await readAll(sample(`${B}json-non-printable-escaping/http.log.tsv`), { fields: ['uri'], final: true });
  assert.deepEqual(
    tsv.rows.map((r) => r[0]),
    ['/regular_file.html', '/printable_\u{1F604}', '/non_printable_\x07', '/non_printable_literal_\\x07'],
  );
  const json = await readAll(sample(`${B}json-non-printable-escaping/http.log.json`), { fields: ['uri'], final: true });
  // masked "ts":XXXX… makes every line invalid JSON: skipped, reported once
  assert.equal(json.rows.length, 0);
  assert.deepEqual(
    json.problems.map((p) => p.problem),
    ['4 line(s) of invalid JSON skipped'],
  );
});
