import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { defaultLoaders, selectBackend } from './backend.js';

delete process.env['BEACONWATCH_BACKEND'];

const failing = (why: string) => async () => {
  throw new Error(why);
};

test('native unavailable → wasm, and the log line says so once', async () => {
  const lines: string[] = [];
  const name = await selectBackend({ log: (l) => lines.push(l), loaders: { native: failing('no libtensorflow') } });
  assert.equal(name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(lines.length, 1);
  assert.equal(lines[0], 'beaconwatch: CNN on wasm (the native backend did not start: no libtensorflow)');
});

test('wasm failing too → cpu', async () => {
  const lines: string[] = [];
  const name = await selectBackend({
    log: (l) => lines.push(l),
    loaders: { native: failing('absent'), wasm: failing('wasm binary missing') },
  });
  assert.equal(name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.match(lines[0]!, /^beaconwatch: CNN on cpu \(.*slower: wasm: wasm binary missing\)$/);
});

test('tfjs-node not installed: a calm line saying how to get the native backend', async () => {
  const lines: string[] = [];
  await selectBackend({ log: (l) => lines.push(l), loaders: { native: failing("Cannot find package '@tensorflow/tfjs-node' imported from x") } });
  assert.deepEqual(lines, ['beaconwatch: CNN on wasm (install @tensorflow/tfjs-node for the native backend)']);
});

test('preferNative: false never tries tfjs-node', async () => {
  let nativeTried = false;
  const name = await selectBackend({
    preferNative: false,
    loaders: {
      native: async () => {
        nativeTried = true;
      },
    },
  });
  assert.equal(nativeTried, false);
  assert.equal(name, 'wasm');
});

test('a working native loader wins', async () => {
  // stands in for tfjs-node: activates cpu but reports success as the native loader
  const name = await selectBackend({ loaders: { native: defaultLoaders.cpu } });
  assert.equal(name, 'tensorflow');
});

test('nothing loads → a clear error listing every failure', async () => {
  await assert.rejects(
    selectBackend({ loaders: { native: failing('a'), wasm: failing('b'), cpu: failing('c') } }),
    /no TensorFlow\.js backend could start: tensorflow: a; wasm: b; cpu: c/,
  );
});
