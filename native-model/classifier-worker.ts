// Worker-thread side of classifier-thread.ts: loads the CNN (TensorFlow.js, the model, the wasm
// backend) in this thread and answers `classify` requests in the order they arrive, so the
// main thread keeps reading logs and computing statistics while the model predicts.
import { parentPort, workerData } from 'node:worker_threads';
import { loadBeaconClassifier, type BeaconClassifier, type LoadOptions } from './classifier.js';

export type ToWorker = { type: 'classify'; id: number; series: Float64Array[] } | { type: 'dispose' };
export type FromWorker =
  | { type: 'log'; line: string }
  | { type: 'ready'; backend: BeaconClassifier['backend'] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: { beacon: number; jitter: number }[] }
  | { type: 'error'; id: number; message: string };

const port = parentPort;
if (port) {
  const send = (m: FromWorker) => port.postMessage(m);
  const opts = (workerData ?? {}) as Omit<LoadOptions, 'log'>;
  try {
    const classifier = await loadBeaconClassifier({ ...opts, log: (line) => send({ type: 'log', line }) });
    // one request at a time: classify() yields between predict calls, and requests answered in
    // order keep the pipeline in rescore simple
    let queue = Promise.resolve();
    port.on('message', (m: ToWorker) => {
      if (m.type === 'dispose') {
        classifier.dispose();
        port.close();
        return;
      }
      queue = queue.then(async () => {
        try {
          send({ type: 'result', id: m.id, result: await classifier.classify(m.series) });
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
