// Worker-thread side of classifier-thread.ts: loads the CNN (TensorFlow.js, the model, the wasm
// backend) in this thread and predicts the windows the caller's thread encoded, one request at a
// time in the order they arrive, while that thread goes on reading logs and computing statistics.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBeaconClassifier, type BeaconClassifier, type LoadOptions } from './classifier.js';

export type ToWorker = { type: 'predict'; id: number; x: Float32Array; count: number } | { type: 'dispose' };
export type FromWorker =
  | { type: 'log'; line: string }
  | { type: 'ready'; backend: BeaconClassifier['backend'] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; beacon: Float32Array; jitter: Float32Array }
  | { type: 'error'; id: number; message: string };

const port = parentPort;
if (port) {
  const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const opts = (workerData ?? {}) as Omit<LoadOptions, 'log'>;
  try {
    const classifier = await loadBeaconClassifier({ ...opts, log: (line) => send({ type: 'log', line }) });
    let queue = Promise.resolve();
    port.on('message', (m: ToWorker) => {
      if (m.type === 'dispose') {
        classifier.dispose();
        port.close();
        return;
      }
      queue = queue.then(async () => {
        try {
          const { beacon, jitter } = await classifier.predictWindows(m.x, m.count);
          send({ type: 'result', id: m.id, beacon, jitter }, [beacon.buffer as ArrayBuffer, jitter.buffer as ArrayBuffer]);
        } catch (err) {
          send({ type: 'error', id: m.id, message: (err as Error).message });
        }
      });
    });
    send({ type: 'ready', backend: classifier.backend });
  } catch (err) {
    send({ type: 'failed', message: (err as Error).message });
  }
}
