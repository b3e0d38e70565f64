// The CNN in a worker thread (classifier-worker.ts): the same classifier, the same answers, but
// TensorFlow.js loads and predicts on another core while the caller's thread reads logs and
// computes statistics. The caller's thread encodes the windows and aggregates the answers
// (windows.ts), so the worker only predicts. Used by one-shot runs (`scan`); hosts that keep the
// model for hours keep it in-process (classifier.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BeaconClassifier, LoadOptions } from './classifier.js';
import { aggregateSeries, encodeSeries } from './windows.js';
import type { FromWorker, ToWorker } from './classifier-worker.js';

/** the compiled worker next to this file, or its TypeScript source when run through tsx */
function workerFile(): URL {
  const js = new URL('./classifier-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  return new URL('./classifier-worker.ts', import.meta.url);
}

export async function loadBeaconClassifierInWorker(opts: LoadOptions = {}): Promise<BeaconClassifier> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const worker = new Worker(workerFile(), {
    // a small young generation: the worker's garbage is short-lived tensors' typed arrays, and
    // the default semi-spaces add ~30 MB to the scan's peak resident memory
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
    workerData: {
      ...(opts.modelDir ? { modelDir: opts.modelDir } : {}),
      ...(opts.preferNative !== undefined ? { preferNative: opts.preferNative } : {}),
    },
  });
  const pending = new Map<number, { resolve: (r: { beacon: Float32Array; jitter: Float32Array }) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  // the worker holds the process open only while an answer is awaited
  const holdWhilePending = () => (pending.size > 0 ? worker.ref() : worker.unref());
  const failAll = (err: Error) => {
    dead ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    holdWhilePending();
  };

  const backend = await new Promise<BeaconClassifier['backend']>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'log') log(m.line);
      else if (m.type === 'ready') resolve(m.backend);
      else if (m.type === 'failed') reject(new Error(m.message));
      else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        holdWhilePending();
        if (m.type === 'result') p?.resolve(m);
        else p?.reject(new Error(m.message));
      }
    });
    worker.on('error', (err) => {
      reject(err);
      failAll(err);
    });
    worker.on('exit', (code) => {
      const err = new Error(`the CNN worker exited (code ${code})`);
      reject(err);
      failAll(err);
    });
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  holdWhilePending();

  let disposed = false;
  return {
    backend,
    async classify(series) {
      if (disposed) throw new Error('BeaconClassifier used after dispose()');
      if (dead) throw dead;
      const enc = encodeSeries(series);
      const id = nextId++;
      const { beacon, jitter } = await new Promise<{ beacon: Float32Array; jitter: Float32Array }>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        holdWhilePending();
        // the encoded windows move to the worker (transferred, not copied; aggregating needs only
        // enc.owner)
        worker.postMessage({ type: 'predict', id, x: enc.x, count: enc.count } satisfies ToWorker, [enc.x.buffer as ArrayBuffer]);
      });
      return aggregateSeries(enc, beacon, jitter);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      dead ??= new Error('BeaconClassifier used after dispose()');
      worker.postMessage({ type: 'dispose' } satisfies ToWorker);
      void worker.terminate();
    },
  } satisfies BeaconClassifier;
}
