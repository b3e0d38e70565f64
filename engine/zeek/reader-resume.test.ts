// Offsets: resuming plain and gzip files, a live file that grows, concatenated logs.

import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ZeekLogError } from './reader.js';
import { needSamples, readAll, sample } from '../../tests/support/zeek-read.js';

const tmp = mkdtempSync(join(tmpdir(), 'zeek-reader-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const FIELDS = ['ts', 'id.orig_h', 'id.resp_h', 'service'];

test('fromOffset resume on a plain TSV file yields exactly the remaining rows', needSamples, async () => {
  const file = sample('zat/conn.log');
  const all = await readAll(file, { fields: FIELDS, final: true, batchLines: 100 });
  assert.equal(all.rows.length, 360);
  assert.deepEqual(
    all.batches.map((b) => b.rows.length),
    [100, 100, 100, 60],
  );
  const cut = all.batches[1]!.endOffset;
  assert.equal(readFileSync(file)[cut - 1], 10); // a line boundary
  const rest = await readAll(file, { fields: FIELDS, final: true, fromOffset: cut });
  assert.equal(rest.error, null);
  assert.deepEqual(rest.rows, all.rows.slice(200));
  assert.equal(rest.endOffset, all.endOffset);
  assert.equal(rest.batches[0]!.header.path, 'conn'); // header read from the file start
});

test('fromOffset resume on gzip: decompress and discard up to the offset', needSamples, async () => {
  const file = sample('rita/missing_host/2024-04-19/conn.00:00:00-01:00:00.log.gz');
  const all = await readAll(file, { fields: FIELDS, final: true, batchLines: 500 });
  const cut = all.batches[2]!.endOffset;
  const rest = await readAll(file, { fields: FIELDS, final: true, fromOffset: cut });
  assert.deepEqual(rest.rows, all.rows.slice(1500));
  assert.equal(rest.rows.length, 265);
});

test('fromOffset not at a line boundary is refused', needSamples, async () => {
  const r = await readAll(sample('zat/conn.log'), { fields: FIELDS, final: true, fromOffset: 2001 });
  assert.ok(r.error instanceof ZeekLogError);
  assert.match(r.error.message, /fromOffset 2001 is not at a line boundary/);
  const gz = await readAll(sample('zat/http.log.gz'), { fields: FIELDS, final: true, fromOffset: 2001 });
  assert.match(String(gz.error?.message), /not at a line boundary/);
});

test('a live file that grows: partial lines wait, resumes continue exactly', async () => {
  const file = join(tmp, 'conn.log');
  const header =
    '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#fields\tts\tid.orig_h\tid.resp_h\tservice\n#types\ttime\taddr\taddr\tstring\n';
  writeFileSync(file, header);
  let r = await readAll(file, { fields: FIELDS });
  assert.equal(r.batches.length, 0);

  appendFileSync(file, '1.5\t10.0.0.1\t10.0.0.2\tdns\n2.5\t10.0.0.1\t10.0');
  r = await readAll(file, { fields: FIELDS });
  assert.deepEqual(r.rows, [['1.5', '10.0.0.1', '10.0.0.2', 'dns']]);
  const offset = r.endOffset;
  assert.equal(offset, Buffer.byteLength(header) + 26);

  appendFileSync(file, '.0.3\t-\n3.5\t10.0.0.1\t10.0.0.4\t(empty)\n');
  r = await readAll(file, { fields: FIELDS, fromOffset: offset });
  assert.deepEqual(r.rows, [
    ['2.5', '10.0.0.1', '10.0.0.3', null],
    ['3.5', '10.0.0.1', '10.0.0.4', ''],
  ]);

  // rotation adds #close; a zero-row batch reports the final offset
  const before = r.endOffset;
  appendFileSync(file, '#close\t2026-11-27-11-00-00\n');
  r = await readAll(file, { fields: FIELDS, fromOffset: offset, final: true });
  assert.deepEqual(
    r.batches.map((b) => [b.rows.length, b.endOffset]),
    [[2, before + 27]],
  );
  // when the rows filled a batch of their own, a zero-row batch reports the #close line's end
  r = await readAll(file, { fields: FIELDS, fromOffset: offset, final: true, batchLines: 2 });
  assert.deepEqual(
    r.batches.map((b) => [b.rows.length, b.lines, b.endOffset]),
    [
      [2, 2, before],
      [0, 0, before + 27],
    ],
  );
});

test('concatenated logs: a second header block switches the header and flushes the batch', needSamples, async () => {
  const file = join(tmp, 'concat.log');
  writeFileSync(file, Buffer.concat([readFileSync(sample('zat/conn.log')), readFileSync(sample('zat/http.log'))]));
  const r = await readAll(file, { fields: ['ts', 'service', 'host'], final: true });
  assert.deepEqual(
    r.batches.map((b) => [b.header.path, b.rows.length]),
    [
      ['conn', 360],
      ['http', 150],
    ],
  );
  assert.equal(r.batches[0]!.rows[0]?.[2], null); // conn has no host column
  assert.notEqual(r.batches[1]!.rows[0]?.[2], null);
  assert.deepEqual(r.problems, []);
});

test('gzip recognised by content: a .gz name holding plain text, CRLF line ends', async () => {
  const text = '#fields\tts\tid.orig_h\r\n1.0\ta\r\n2.0\tb\r\n';
  const plainNamedGz = join(tmp, 'plain.log.gz');
  writeFileSync(plainNamedGz, text);
  const gzNamedPlain = join(tmp, 'gz.log');
  writeFileSync(gzNamedPlain, gzipSync(text));
  for (const file of [plainNamedGz, gzNamedPlain]) {
    const r = await readAll(file, { fields: ['id.orig_h', 'ts'], final: true });
    assert.deepEqual(
      r.rows,
      [
        ['a', '1.0'],
        ['b', '2.0'],
      ],
      file,
    );
  }
});

test('an empty file is reported only when final', async () => {
  const file = join(tmp, 'empty.log');
  writeFileSync(file, '');
  assert.deepEqual(
    (await readAll(file, { fields: FIELDS, final: true })).problems.map((p) => p.problem),
    ['empty file'],
  );
  assert.deepEqual((await readAll(file, { fields: FIELDS })).problems, []);
});
