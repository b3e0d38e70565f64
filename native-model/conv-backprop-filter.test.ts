import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterValues, ensureConv2dBackpropFilter, type BackpropFilterAttrs } from './conv-backprop-filter.js';
import { selectBackend } from './backend.js';
import { createRng } from './rng.js';

function randomArray(n: number, seed: number, zeroShare = 0.3): Float32Array {
  const rng = createRng(seed);
  // some exact zeros, like ReLU outputs, to exercise the skip in the kernel
  return Float32Array.from({ length: n }, () => (rng.bool(zeroShare) ? 0 : rng.uniform(-1, 1)));
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    const tol = 1e-4 * Math.max(1, Math.abs(b[i]!));
    assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

const CASES: { x: [number, number, number, number]; f: [number, number, number, number]; strides: [number, number]; pad: 'same' | 'valid' }[] = [
  { x: [2, 1, 17, 3], f: [1, 5, 3, 4], strides: [1, 1], pad: 'same' }, // conv1d as used by the model
  { x: [3, 1, 20, 4], f: [1, 3, 4, 6], strides: [1, 2], pad: 'valid' },
  { x: [2, 1, 9, 2], f: [1, 4, 2, 3], strides: [1, 3], pad: 'same' }, // even filter: asymmetric padding
  { x: [1, 6, 7, 2], f: [3, 3, 2, 5], strides: [2, 1], pad: 'same' },
  { x: [2, 5, 8, 3], f: [2, 3, 3, 2], strides: [1, 2], pad: 'valid' },
];

test('JS filter gradient matches the cpu backend kernel (shapes, strides, same/valid)', async () => {
  await tf.setBackend('cpu');
  for (const [k, c] of CASES.entries()) {
    const info = tf.backend_util.computeConv2DInfo(c.x, c.f, c.strides, 1, c.pad);
    const dyShape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels] as const;
    const xv = randomArray(
      c.x.reduce((a, b) => a * b),
      10 + k,
    );
    const dyv = randomArray(
      dyShape.reduce((a, b) => a * b),
      20 + k,
      0,
    );
    const attrs: BackpropFilterAttrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.f };
    const expected = tf.tidy(() => {
      const out = tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xv, c.x), dy: tf.tensor4d(dyv, [...dyShape]) }, {
        ...attrs,
      } as unknown as tf.NamedAttrMap) as tf.Tensor;
      return out.dataSync().slice();
    });
    close(conv2dBackpropFilterValues(xv, c.x, dyv, attrs), expected, `case ${k}`);
  }
});

test('registered on wasm, conv1d gradients equal the cpu backend ones', async () => {
  const grads = () =>
    tf.tidy(() => {
      const x = tf.tensor3d(randomArray(2 * 30 * 4, 31), [2, 30, 4]);
      const w = tf.tensor3d(randomArray(5 * 4 * 8, 32, 0), [5, 4, 8]);
      const g = tf.grad((wt: tf.Tensor) => tf.sum(tf.relu(tf.conv1d(x, wt as tf.Tensor3D, 1, 'same'))))(w);
      return g.dataSync().slice();
    });
  await tf.setBackend('cpu');
  const onCpu = grads();
  const name = await selectBackend({ preferNative: false, forTraining: true });
  assert.equal(name, 'wasm');
  assert.equal(ensureConv2dBackpropFilter('wasm'), false, 'already registered by selectBackend');
  close(grads(), onCpu, 'wasm vs cpu');
});
