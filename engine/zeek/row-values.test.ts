// The word-at-a-time splitter gives the byte-at-a-time one's ranges and column count, also when
// it only counts the separators past the last requested column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitPlainOffsets, splitPlainOffsetsWords } from './row-values.js';

test('splitPlainOffsetsWords equals splitPlainOffsets, with and without `last`', () => {
  let x = 12345;
  const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
  for (let round = 0; round < 3000; round++) {
    const cols = 1 + rnd(30);
    const parts: string[] = [];
    for (let c = 0; c < cols; c++) parts.push('abcdefghij'.slice(0, rnd(9)));
    const line = parts.join('\t');
    const pad = rnd(4);
    const buf = Buffer.from('#'.repeat(pad) + line + '\n');
    const words = new Uint32Array(buf.buffer, buf.byteOffset - (buf.byteOffset & 3), (buf.length + (buf.byteOffset & 3)) >> 2);
    const ncols = 1 + rnd(30);
    const target = new Int32Array(ncols).fill(-1);
    let outs = 0;
    for (let c = 0; c < ncols; c++) if (rnd(3) === 0) target[c] = outs++;
    const last = target.findLastIndex((o) => o >= 0);
    const a = [new Int32Array(outs).fill(-1), new Int32Array(outs).fill(-1)] as const;
    const b = [new Int32Array(outs).fill(-1), new Int32Array(outs).fill(-1)] as const;
    const c2 = [new Int32Array(outs).fill(-1), new Int32Array(outs).fill(-1)] as const;
    const s = pad;
    const e = pad + line.length;
    const n1 = splitPlainOffsets(buf, s, e, 9, target, a[0], a[1]);
    const n2 = splitPlainOffsetsWords(buf, words, buf.byteOffset & 3, s, e, 9, target, b[0], b[1], last);
    const n3 = splitPlainOffsetsWords(buf, words, buf.byteOffset & 3, s, e, 9, target, c2[0], c2[1]);
    assert.equal(n2, n1, line);
    assert.equal(n3, n1, line);
    assert.deepEqual(b, a, line);
    assert.deepEqual(c2, a, line);
  }
});
