// Backend choice: native TensorFlow (@tensorflow/tfjs-node, an optionalDependency that needs
// libtensorflow, so often absent) → wasm (shipped, ~10k windows/s) → plain JS cpu (slow, but
// always there). Loaders are injectable so the fallback order is testable without tfjs-node.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ensureConv2dBackpropFilter } from './conv-backprop-filter.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Each loader makes its backend the active one, or throws. */
export interface BackendLoaders {
  native: () => Promise<void>;
  wasm: () => Promise<void>;
  cpu: () => Promise<void>;
}

export interface SelectBackendOptions {
  /** try tfjs-node first (default true; env BEACONWATCH_BACKEND=wasm|cpu overrides) */
  preferNative?: boolean;
  /** also make the backend able to train (registers the missing wasm gradient kernel) */
  forTraining?: boolean;
  log?: (line: string) => void;
  loaders?: Partial<BackendLoaders>;
}

async function activate(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
}

export const defaultLoaders: BackendLoaders = {
  native: async () => {
    // a variable specifier keeps TypeScript and bundlers from requiring the optional package
    const specifier = '@tensorflow/tfjs-node';
    await import(specifier);
    await activate('tensorflow');
  },
  wasm: async () => {
    // the .wasm binaries ship in the package's dist folder; point the loader there explicitly
    // because the default (relative to the page/script) is wrong under Node and in dist/
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(path.dirname(entry) + path.sep);
    await activate('wasm');
  },
  cpu: async () => activate('cpu'),
};

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/**
 * One calm line: which backend runs and, when it is not the native one, how to get it. The usual
 * case (tfjs-node not installed) is no failure and must not read like a crash.
 */
export function backendLine(name: BackendName, failures: readonly string[]): string {
  if (name === 'tensorflow') return 'beaconwatch: CNN on the native TensorFlow backend';
  const native = failures.find((f) => f.startsWith('tensorflow: '))?.slice('tensorflow: '.length);
  const notes: string[] = [];
  if (native === undefined) notes.push('native backend not tried');
  else if (/cannot find (package|module)|ERR_MODULE_NOT_FOUND/i.test(native)) notes.push('install @tensorflow/tfjs-node for the native backend');
  else notes.push(`the native backend did not start: ${native}`);
  const wasm = failures.find((f) => f.startsWith('wasm: '));
  if (name === 'cpu' && wasm) notes.push(`slower: ${wasm}`);
  return `beaconwatch: CNN on ${name} (${notes.join('; ')})`;
}

export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendName> {
  const loaders = { ...defaultLoaders, ...opts.loaders };
  const forced = process.env['BEACONWATCH_BACKEND'];
  let order: BackendName[] = opts.preferNative === false ? ['wasm', 'cpu'] : ['tensorflow', 'wasm', 'cpu'];
  if (forced === 'wasm' || forced === 'cpu' || forced === 'tensorflow') {
    order = [forced, ...order.filter((b) => b !== forced)];
  }
  const failures: string[] = [];
  for (const name of order) {
    try {
      await (name === 'tensorflow' ? loaders.native : name === 'wasm' ? loaders.wasm : loaders.cpu)();
    } catch (e) {
      failures.push(`${name}: ${errorText(e)}`);
      continue;
    }
    if (opts.forTraining && name === 'wasm') ensureConv2dBackpropFilter('wasm');
    opts.log?.(backendLine(name, failures));
    return name;
  }
  throw new Error(`no TensorFlow.js backend could start: ${failures.join('; ')}`);
}
