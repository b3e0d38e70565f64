// The reader against real Zeek output (../shared/zeek-samples). Counts were checked by hand
// with `grep -vc '^#'` / `zcat … | grep -vc '^#'`.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { ZeekLogError } from './reader.js';
import { needSamples, readAll, sample } from '../../tests/support/zeek-read.js';

const CONN = ['ts', 'id.orig_h', 'id.resp_h', 'proto', 'service', 'orig_bytes', 'resp_bytes', 'local_orig', 'local_resp'];

test('rita/truncated/conn.log, final: 58 rows, the cut last line reported', needSamples, async () => {
  const file = sample('rita/truncated/conn.log');
  const r = await readAll(file, { fields: CONN, final: true });
  assert.equal(r.error, null);
  assert.equal(r.rows.length, 58);
  assert.equal(r.lines, 59); // the truncated line is consumed too
  assert.equal(r.endOffset, statSync(file).size);
  assert.deepEqual(r.rows[0], ['1517336042.090842', '10.55.182.100', '10.233.233.5', 'tcp', null, '0', '0', 'T', 'T']);
  assert.deepEqual(r.rows[1]?.[4], 'dns');
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.problem, /truncated last line/);
  assert.equal(r.problems[0]!.line, 67);
  assert.equal(r.batches[0]!.header.path, 'conn');
  assert.equal(r.batches[0]!.header.open, '2019-02-28-12-07-01');
});

test('rita/truncated/conn.log, live: the partial line is left for later', needSamples, async () => {
  const file = sample('rita/truncated/conn.log');
  const r = await readAll(file, { fields: CONN, final: false });
  assert.equal(r.rows.length, 58);
  assert.equal(r.endOffset, 7775); // start of the unterminated line
  assert.equal(statSync(file).size - r.endOffset, 86);
  assert.deepEqual(r.problems, []);
});

test('rita/truncated/conn_json.log: 3 JSON rows, then a truncated last line', needSamples, async () => {
  const r = await readAll(sample('rita/truncated/conn_json.log'), { fields: [...CONN, 'community_id'], final: true });
  assert.equal(r.rows.length, 3);
  assert.deepEqual(r.rows[0], [
    '1704738946.055436',
    '10.50.200.10',
    '10.50.200.13',
    'udp',
    'ntp',
    '146',
    '167',
    'T',
    'T',
    '1:o897Hf8fds7hioHIU8fdsfjhhoHJ',
  ]);
  assert.equal(r.rows[2]?.[4], null); // no "service" key
  assert.equal(r.batches[0]!.header.format, 'json');
  assert.deepEqual(
    r.problems.map((p) => p.problem),
    ['truncated last line (no newline, incomplete record) skipped'],
  );
});

test('rita/truncated/conn_top.log: rows without a header throw a clear ZeekLogError', needSamples, async () => {
  const r = await readAll(sample('rita/truncated/conn_top.log'), { fields: CONN, final: true });
  assert.ok(r.error instanceof ZeekLogError);
  assert.match(r.error.message, /conn_top\.log: TSV rows without a #fields header/);
  assert.equal(r.rows.length, 0);
});

test('rita/text_file/conn.log (prose) is not a Zeek log', needSamples, async () => {
  const r = await readAll(sample('rita/text_file/conn.log'), { fields: CONN, final: true });
  assert.ok(r.error instanceof ZeekLogError);
  assert.equal((r.error as ZeekLogError).problem, 'not a Zeek log (no #fields header, not JSON)');
  assert.match(r.error.message, /text_file\/conn\.log/);
});

test('rita/has_unknown_field: columns mapped by name past i_dont_exist; a short row skipped once', needSamples, async () => {
  const r = await readAll(sample('rita/has_unknown_field/http.log'), {
    fields: ['uid', 'host', 'resp_fuids', 'resp_mime_types', 'user_agent', 'no_such_field'],
    final: true,
  });
  // the first row has 29 columns for 30 fields (it lacks i_dont_exist): skipped and counted
  assert.equal(r.rows.length, 4);
  assert.equal(r.lines, 5);
  assert.deepEqual(r.rows[0], [
    'ClmlDRtRxVxeI68pc',
    'ocsp.digicert.com',
    'FXoOb7k8rzRYNzHJ4',
    'application/ocsp-response',
    'Microsoft-CryptoAPI/10.0',
    null,
  ]);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.line, 9);
  assert.match(r.problems[0]!.problem, /^1 row\(s\) with the wrong column count skipped \(expected 30\)/);
});

test('rita/missing_host: gzip by magic bytes, leading _node_name column ignored', needSamples, async () => {
  const r = await readAll(sample('rita/missing_host/2024-04-19/conn.00:00:00-01:00:00.log.gz'), { fields: CONN, final: true });
  assert.equal(r.error, null);
  assert.equal(r.rows.length, 1765);
  assert.deepEqual(r.rows[0], ['1713484795.943239', '167.94.138.145', '64.225.56.201', 'tcp', null, '0', '0', 'F', 'T']);
  assert.equal(r.batches[0]!.header.fields[0], '_node_name');
  assert.deepEqual(r.problems, []);
});

test('dnscat2 http.log.gz: literal "#separator \\t", trailing tabs, #close with trailing tab', needSamples, async () => {
  const r = await readAll(sample('rita/dnscat2-ja3-strobe-agent/http.log.gz'), {
    fields: ['id.orig_h', 'host', 'agent_uuid'],
    final: true,
    batchLines: 10_000,
  });
  assert.equal(r.error, null);
  assert.equal(r.rows.length, 27204);
  assert.equal(r.batches.length, 3);
  assert.equal(r.batches[0]!.header.separator, '\t');
  assert.deepEqual(r.rows[0], ['10.55.100.109', 'www.alexa.com', '5934e4c5-9acb-498f-a706-b4b7200a47aa']);
  assert.deepEqual(r.problems, []);
});

test('stratosphere *.log.labeled and labeled-conn.log: label columns ignored unless asked for', needSamples, async () => {
  const mixed = await readAll(sample('stratosphere/008-zeek-mixed/data/conn.log.labeled'), {
    fields: ['id.orig_h', 'id.resp_h', 'label'],
    final: true,
  });
  assert.equal(mixed.rows.length, 5663);
  assert.deepEqual(mixed.rows[0], ['147.32.81.167', '40.74.108.123', 'Benign']);
  const labeled = await readAll(sample('stratosphere/001-zeek-scenario-malicious/labeled-conn.log'), { fields: CONN, final: true });
  const plain = await readAll(sample('stratosphere/001-zeek-scenario-malicious/conn.log'), { fields: CONN, final: true });
  assert.equal(labeled.rows.length, 992);
  assert.deepEqual(labeled.rows, plain.rows);
  assert.equal(labeled.rows[0]?.[0], '19.981745'); // relative time near 1970
});

test('zat/http.log.corrupt.gz: rows before the damage, then ZeekLogError "corrupt gzip"', needSamples, async () => {
  const r = await readAll(sample('zat/http.log.corrupt.gz'), { fields: ['ts', 'host'], final: true });
  assert.equal(r.rows.length, 150);
  assert.ok(r.error instanceof ZeekLogError);
  assert.match(r.error.message, /http\.log\.corrupt\.gz: corrupt gzip/);
});

test('zat/http_empty.log: header without rows gives no batch and one problem', needSamples, async () => {
  const r = await readAll(sample('zat/http_empty.log'), { fields: ['ts', 'host'], final: true });
  assert.equal(r.batches.length, 0);
  assert.deepEqual(
    r.problems.map((p) => p.problem),
    ['header but no rows'],
  );
  const live = await readAll(sample('zat/http_empty.log'), { fields: ['ts', 'host'], final: false });
  assert.deepEqual(live.problems, []);
});

test('zat gzip and plain copies give the same rows; JSON variants too', needSamples, async () => {
  const fields = ['ts', 'id.orig_h', 'host', 'uri'];
  const gz = await readAll(sample('zat/http.log.gz'), { fields, final: true });
  const plain = await readAll(sample('zat/http.log'), { fields, final: true });
  assert.equal(plain.rows.length, 150);
  assert.deepEqual(gz.rows, plain.rows);
  const json = await readAll(sample('zat/json/conn.log'), { fields: ['ts', 'id.orig_h', 'id.resp_p', 'local_orig', 'tunnel_parents'], final: true });
  assert.equal(json.error, null);
  assert.ok(json.rows.length > 0);
  assert.equal(typeof json.rows[0]?.[0], 'string');
});

test('JSON lines: rita/json_with_all_fields and slips test9 (relative timestamps)', needSamples, async () => {
  const rita = await readAll(sample('rita/json_with_all_fields/conn.log'), { fields: CONN, final: true });
  assert.equal(rita.rows.length, 29);
  assert.deepEqual(rita.problems, []);
  const slips = await readAll(sample('slips/test9-mixed-zeek-dir/conn.log'), { fields: [...CONN, 'id.resp_p'], final: true });
  assert.equal(slips.rows.length, 576);
  assert.deepEqual(slips.rows[0], ['22.335172', 'fe80::1cf4:44d2:904a:14f7', 'ff02::1:3', 'udp', 'dns', '50', '0', null, null, '5355']);
});

test('rita/open_conns: open_conn.log reads like conn.log (the name filter skips it)', needSamples, async () => {
  const r = await readAll(sample('rita/open_conns/open/open_conn.log'), { fields: CONN, final: true });
  assert.equal(r.rows.length, 59);
  assert.equal(r.batches[0]!.header.path, 'conn'); // rita's copies keep #path conn
});

test('missing file: ZeekLogError naming the file', async () => {
  const r = await readAll('/nonexistent/conn.log', { fields: CONN, final: true });
  assert.ok(r.error instanceof ZeekLogError);
  assert.match(r.error.message, /^\/nonexistent\/conn\.log: cannot open \(ENOENT\)/);
});
