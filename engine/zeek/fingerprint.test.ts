import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fingerprintLog } from './fingerprint.js';
import { needSamples, sample } from '../../tests/support/zeek-read.js';

const tmp = mkdtempSync(join(tmpdir(), 'zeek-fp-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a plain log and its gzipped copy have the same fingerprint', needSamples, async () => {
  const live = join(tmp, 'conn.log');
  copyFileSync(sample('zat/conn.log'), live);
  const rotated = join(tmp, 'conn.10:00:00-11:00:00.log.gz');
  writeFileSync(rotated, gzipSync(readFileSync(live)));
  const a = await fingerprintLog(live);
  const b = await fingerprintLog(rotated);
  assert.ok(a);
  assert.match(a.fingerprint, /^[0-9a-f]{32}$/);
  assert.deepEqual(b, a);
  assert.equal(a.format, 'tsv');
  assert.equal(a.headerPath, 'conn');
  const other = await fingerprintLog(sample('zat/http.log'));
  assert.notEqual(other?.fingerprint, a.fingerprint);
});

test('the fingerprint is fixed once the first data line is complete', async () => {
  const file = join(tmp, 'growing.log');
  writeFileSync(file, '#separator \\x09\n#path\tdns\n#open\t2026-11-27-10-00-00\n#fields\tts\tquery\n');
  assert.equal(await fingerprintLog(file), null);
  appendFileSync(file, '1.0\texample.com');
  assert.equal(await fingerprintLog(file), null);
  appendFileSync(file, '\n');
  const first = await fingerprintLog(file);
  assert.equal(first?.headerPath, 'dns');
  appendFileSync(file, '2.0\texample.org\n#close\t2026-11-27-11-00-00\n');
  assert.deepEqual(await fingerprintLog(file), first);
});

test('JSON logs, rotated real archives, and files that are not logs', needSamples, async () => {
  const json = await fingerprintLog(sample('rita/json_with_all_fields/conn.log'));
  assert.equal(json?.format, 'json');
  assert.equal(json?.headerPath, null);
  const gz = await fingerprintLog(sample('rita/missing_host/2024-04-19/conn.00:00:00-01:00:00.log.gz'));
  assert.equal(gz?.headerPath, 'conn');
  assert.equal(await fingerprintLog(sample('rita/text_file/conn.log')), null);
  assert.equal(await fingerprintLog(sample('zat/http_empty.log')), null);
});
