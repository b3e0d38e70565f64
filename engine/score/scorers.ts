// Composition of the scorers: the statistical baseline always, the CNN when its model loads.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cnnScorer } from './cnn-scorer.js';
import type { BeaconClassifier } from '../contract/types.js';
// types only: the modules are loaded by URL below, typed by what they really export
import type { loadBeaconClassifier } from '../../native-model/classifier.js';
import type { loadBeaconClassifierInWorker } from '../../native-model/classifier-thread.js';
import { statsScorer } from './stats-scorer.js';
import type { Scorer } from '../contract/types.js';

export interface LoadedScorers {
  scorers: Scorer[];
  backend: BeaconClassifier['backend'] | null;
  /** why the CNN is not used, when it is not */
  cnnProblem: string | null;
  dispose(): void;
}

export interface LoadScorersOptions {
  cnn?: boolean;
  modelDir?: string;
  log?: (line: string) => void;
  /** run the CNN in a worker thread (a one-shot `scan`: it predicts while this thread works) */
  thread?: boolean;
}

export async function loadScorers(opts: LoadScorersOptions = {}): Promise<LoadedScorers> {
  if (opts.cnn === false) return { scorers: [statsScorer], backend: null, cnnProblem: 'disabled', dispose() {} };
  const classifierModule = new URL('../../native-model/classifier.js', import.meta.url);
  const asTs = fileURLToPath(classifierModule).replace(/\.js$/, '.ts');
  if (!existsSync(fileURLToPath(classifierModule)) && !existsSync(asTs)) {
    return { scorers: [statsScorer], backend: null, cnnProblem: 'the CNN module is not built', dispose() {} };
  }
  try {
    const loadOpts = { ...(opts.modelDir ? { modelDir: opts.modelDir } : {}), ...(opts.log ? { log: opts.log } : {}) };
    let classifier: BeaconClassifier | null = null;
    if (opts.thread) {
      // the worker needs only its own module: TensorFlow.js is never loaded on this thread
      const threadModule = new URL('../../native-model/classifier-thread.js', import.meta.url);
      const mod = (await import(threadModule.href)) as { loadBeaconClassifierInWorker: typeof loadBeaconClassifierInWorker };
      // a thread that cannot start (or a model that fails there) is retried in-process below
      classifier = await mod.loadBeaconClassifierInWorker(loadOpts).catch(() => null);
    }
    if (!classifier) {
      const mod = (await import(classifierModule.href)) as { loadBeaconClassifier: typeof loadBeaconClassifier };
      classifier = await mod.loadBeaconClassifier(loadOpts);
    }
    return { scorers: [statsScorer, cnnScorer(classifier)], backend: classifier.backend, cnnProblem: null, dispose: () => classifier.dispose() };
  } catch (err) {
    const problem = `CNN not loaded: ${(err as Error).message}`;
    opts.log?.(problem);
    return { scorers: [statsScorer], backend: null, cnnProblem: problem, dispose() {} };
  }
}
