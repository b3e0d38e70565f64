// Composition of the scorers: the statistical baseline always, the CNN when its model loads.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cnnScorer, type BeaconClassifierLike } from './cnn-scorer.js';
import { statsScorer } from './stats-scorer.js';
import type { Scorer } from '../contract/types.js';

export interface LoadedScorers {
  scorers: Scorer[];
  backend: BeaconClassifierLike['backend'] | null;
  /** why the CNN is not used, when it is not */
  cnnProblem: string | null;
  dispose(): void;
}

export async function loadScorers(opts: { cnn?: boolean; modelDir?: string; log?: (line: string) => void } = {}): Promise<LoadedScorers> {
  if (opts.cnn === false) return { scorers: [statsScorer], backend: null, cnnProblem: 'disabled', dispose() {} };
  const classifierModule = new URL('../../native-model/classifier.js', import.meta.url);
  const asTs = fileURLToPath(classifierModule).replace(/\.js$/, '.ts');
  if (!existsSync(fileURLToPath(classifierModule)) && !existsSync(asTs)) {
    return { scorers: [statsScorer], backend: null, cnnProblem: 'the CNN module is not built', dispose() {} };
  }
  try {
    const mod = (await import(classifierModule.href)) as {
      loadBeaconClassifier(o?: { modelDir?: string; log?: (line: string) => void }): Promise<BeaconClassifierLike>;
    };
    const classifier = await mod.loadBeaconClassifier({
      ...(opts.modelDir ? { modelDir: opts.modelDir } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    return { scorers: [statsScorer, cnnScorer(classifier)], backend: classifier.backend, cnnProblem: null, dispose: () => classifier.dispose() };
  } catch (err) {
    const problem = `CNN not loaded: ${(err as Error).message}`;
    opts.log?.(problem);
    return { scorers: [statsScorer], backend: null, cnnProblem: problem, dispose() {} };
  }
}
