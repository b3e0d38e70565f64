import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settle } from '../../renderer/src/lib/settle.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

test('an answer is taken while the effect stands, and a failure comes as its message', async () => {
  const got: unknown[] = [];
  settle(Promise.resolve(7), (v) => got.push(v));
  settle(
    Promise.reject(new Error('engine stopped')),
    () => got.push('wrong'),
    (m) => got.push(m),
  );
  settle(
    Promise.reject('plain'),
    () => undefined,
    (m) => got.push(m),
  );
  await tick();
  assert.deepEqual(got, [7, 'engine stopped', 'plain']);
});

test('after the cleanup (a newer load began) a late answer or failure is dropped', async () => {
  const got: unknown[] = [];
  let resolve!: (v: number) => void;
  const cancel = settle(new Promise<number>((r) => (resolve = r)), (v) => got.push(v));
  const cancelFail = settle(
    Promise.reject(new Error('late')),
    () => undefined,
    (m) => got.push(m),
  );
  cancel();
  cancelFail();
  resolve(1);
  await tick();
  assert.deepEqual(got, []);
});
