// The cheap first pass: header lines and the lines holding the needle, whole and in order,
// from plain or gzip logs, across chunk boundaries, with a last line that has no newline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { filterLines } from './line-filter.js';

const budget = () => ({ bytesLeft: 1 << 30, deadline: Date.now() + 60_000 });

test('keeps header lines and matching lines only, plain and gzip alike', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-filter-'));
  try {
    const lines = ['#fields\tts\tid.orig_h', '10.0.0.5\tfirst'];
    for (let i = 0; i < 40_000; i++) lines.push(`${i}.5\t${i % 1000 === 0 ? '10.0.0.5' : '10.0.0.6'}\tpadding-padding-padding`);
    lines.push('#close\t2026-12-01', '#fields\tts\tid.orig_h\tmore', '9.5\t10.0.0.5\tlast-without-newline');
    const text = lines.join('\n');
    const want = lines.filter((l) => l.startsWith('#') || l.includes('10.0.0.5')).join('\n') + '\n';
    for (const [name, bytes] of [
      ['plain.log', Buffer.from(text)],
      ['zipped.log.gz', gzipSync(text)],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const r = await filterLines(file, '10.0.0.5', budget());
      assert.equal(r.bytes.toString(), want, name);
      assert.equal(r.read, Buffer.byteLength(text));
      assert.equal(r.stopped, false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stops when the byte budget runs out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-filter-'));
  try {
    const file = join(dir, 'big.log');
    writeFileSync(file, '1.0\t10.0.0.5\tx\n'.repeat(300_000));
    const b = { bytesLeft: 1 << 20, deadline: Date.now() + 60_000 };
    const r = await filterLines(file, '10.0.0.5', b);
    assert.equal(r.stopped, true);
    assert.ok(r.read < 3 << 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
