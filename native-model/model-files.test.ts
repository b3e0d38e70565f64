import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CHANNELS, WINDOW } from './features.js';
import { confusion, recallAtFpr, rocAuc } from './metrics.js';
import { buildModel } from './model.js';
import { dirSaveHandler, loadModelFromDir } from './model-files.js';

test('the model saves to plain files and loads back with identical outputs', async () => {
  await tf.setBackend('cpu');
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-model-'));
  try {
    const model = buildModel(3);
    assert.deepEqual(model.outputNames, ['beacon', 'jitter']);
    const x = tf.randomUniform([4, WINDOW, CHANNELS], -1, 1, 'float32', 5);
    const before = (model.predict(x) as tf.Tensor[]).map((t) => t.dataSync().slice());
    await model.save(dirSaveHandler(dir, 'test'));
    const loaded = await loadModelFromDir(dir);
    const after = (loaded.predict(x) as tf.Tensor[]).map((t) => t.dataSync().slice());
    assert.deepEqual(after, before);
    tf.dispose([x, model, loaded] as unknown as tf.Tensor[]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('metrics: AUC with ties, recall at a false-positive rate, confusion', () => {
  assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  assert.equal(rocAuc([0.5, 0.5], [0, 1]), 0.5);
  const scores = [...Array.from({ length: 100 }, (_, i) => i / 100), 0.995, 0.5];
  const labels = [...new Array(100).fill(0), 1, 1];
  const r = recallAtFpr(scores, labels, 0.01);
  assert.equal(r.threshold, 0.98);
  assert.equal(r.recall, 0.5);
  assert.deepEqual(confusion([0.2, 0.7, 0.9, 0.1], [0, 0, 1, 1]), [
    [1, 1],
    [1, 1],
  ]);
});
