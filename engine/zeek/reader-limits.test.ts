// Issue 9, item 9: hostile sizes. A line spanning many chunks is joined once (linear time, not
// quadratic), and a small .gz that inflates to a huge output is stopped early and reported.
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip, constants } from 'node:zlib';
import { after, test } from 'node:test';
import { readAll } from '../../tests/support/zeek-read.js';
import { MAX_INFLATE_RATIO } from './reader.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-limits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = '#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\n#types\ttime\taddr\taddr\n';
const row = (i: number) => `${1_790_000_000 + i}.0\t10.0.0.1\t10.0.0.2\n`;

test('a line of 40 MB spread over 40 chunks is handled in linear time, the rows around it kept', { timeout: 60_000 }, async () => {
  const file = join(dir, 'long.log');
  writeFileSync(file, HEADER + row(1) + 'x'.repeat(40 << 20) + '\n' + row(2));
  // bytes copied by joining: a deterministic stand-in for the time taken (timing belongs in
  // the benchmark). Joining at every chunk copied ~40 × 20 MB; joining once copies ~40 MB.
  const concat = Buffer.concat;
  let copied = 0;
  Buffer.concat = ((list: readonly Uint8Array[], total?: number) => {
    const out = concat(list, total);
    copied += out.length;
    return out;
  }) as typeof Buffer.concat;
  let r;
  try {
    r = await readAll(file, { fields: ['ts', 'id.orig_h', 'id.resp_h'], final: true });
  } finally {
    Buffer.concat = concat;
  }
  assert.equal(r.error, null);
  assert.equal(r.rows.length, 2);
  assert.match(r.problems[0]!.problem, /1 row\(s\) with the wrong column count skipped/);
  assert.ok(copied < 3 * (40 << 20), `copied ${Math.round(copied / (1 << 20))} MB to join one 40 MB line`);
});

test(`a .gz inflating more than ${MAX_INFLATE_RATIO}× is stopped early and reported; rows before it kept`, { timeout: 60_000 }, async () => {
  const file = join(dir, 'conn.10:00:00-11:00:00.log.gz');
  const newlines = Buffer.alloc(1 << 20, 10);
  let left = 256; // 256 MB of newlines: ~250 KB compressed
  const src = Readable.from(
    (function* () {
      yield Buffer.from(HEADER + row(1) + row(2));
      while (left-- > 0) yield newlines;
      yield Buffer.from(row(3));
    })(),
  );
  await pipeline(src, createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(file));
  const t0 = Date.now();
  const r = await readAll(file, { fields: ['ts', 'id.orig_h', 'id.resp_h'], final: true });
  assert.ok(r.error, 'the read stops');
  assert.match(r.error!.message, new RegExp(`inflates more than ${MAX_INFLATE_RATIO}× .*read no further`));
  assert.equal(r.rows.length, 2, 'the rows before the bomb are kept');
  assert.ok(Date.now() - t0 < 10_000);
});
