// The in-memory path (a small file read once: loadSmallFile + fingerprintBytes + readZeekLog with
// `preloaded`) gives exactly what the streaming path gives, on every shared sample.

import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSmallFile } from './byte-source.js';
import { fingerprintBytes, fingerprintLog } from './fingerprint.js';
import { needSamples, readAll, SAMPLES_DIR, type ReadResult } from '../../tests/support/zeek-read.js';

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && statSync(p).size <= 4 << 20) out.push(p);
  }
  return out;
}

const same = (r: ReadResult) => ({ ...r, error: r.error ? `${r.error.name}: ${r.error.message}` : null });

test('preloaded reads and fingerprints equal the streaming ones on every sample', needSamples, async () => {
  const files = walk(SAMPLES_DIR, []).sort();
  assert.ok(files.length > 100);
  let loaded = 0;
  for (const file of files) {
    const pre = await loadSmallFile(file);
    const fp = await fingerprintLog(file);
    if (!pre) continue; // a gzip that does not decompress cleanly: streamed, as before
    loaded++;
    assert.deepEqual(fingerprintBytes(pre.bytes), fp, file);
    const fields = ['ts', 'id.orig_h', 'id.resp_h', 'query', 'uid'];
    for (const final of [true, false]) {
      const opts = { fields, final, batchLines: 97 };
      const streamed = await readAll(file, opts);
      assert.deepEqual(same(await readAll(file, { ...opts, preloaded: pre })), same(streamed), `${file} final=${final}`);
      // resuming: a gzip from memory, a plain file seeks as before
      const mid = streamed.batches[0]?.endOffset;
      if (mid !== undefined && mid > 0) {
        const r = { ...opts, fromOffset: mid };
        assert.deepEqual(same(await readAll(file, { ...r, preloaded: pre })), same(await readAll(file, r)), `${file} from ${mid}`);
      }
    }
  }
  assert.ok(loaded > 100);
});
