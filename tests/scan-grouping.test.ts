// A scan shares transactions between files; a file that breaks mid-read must not cost the
// other files their events, nor count anything twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { scan } from '../engine/scan/scan.js';
import { readZeekLog } from '../engine/zeek/reader.js';
import { connHeader, connRows } from './support/gen-conn-log.js';

test('a corrupt gzip between good logs: every good row counted once, the bad file named', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-group-'));
  const gen = (rows: number, seed: number, open: string) => connHeader(open) + connRows({ rows, seed });
  writeFileSync(join(dir, 'conn.2026-11-27-00-00-00.log'), gen(3000, 1, '2026-11-27-00-00-00'));
  const whole = gzipSync(Buffer.from(gen(20000, 2, '2026-11-27-01-00-00')));
  // cut the gzip stream in the middle: rows decode up to the cut, then the read fails
  writeFileSync(join(dir, 'conn.2026-11-27-01-00-00.log.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
  mkdirSync(join(dir, 'later'));
  writeFileSync(join(dir, 'later', 'conn.2026-11-27-02-00-00.log'), gen(2000, 3, '2026-11-27-02-00-00'));

  // the rows the reader can decode before the cut
  let before = 0;
  await assert.rejects(async () => {
    for await (const b of readZeekLog(join(dir, 'conn.2026-11-27-01-00-00.log.gz'), { fields: ['ts'], final: true })) before += b.rows.length;
  }, /corrupt gzip|unexpected end/i);
  assert.ok(before > 0 && before < 20000, `rows before the cut: ${before}`);

  const problems: string[] = [];
  const all = await scan([dir], { onProblem: (p) => problems.push(`${p.file}: ${p.problem}`) });
  assert.equal(all.events, 3000 + before + 2000);
  assert.ok(
    problems.some((p) => p.includes('conn.2026-11-27-01-00-00.log.gz')),
    problems.join('\n'),
  );
});
