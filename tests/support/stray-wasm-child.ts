// A process that loads the CNN's wasm backend (whose Emscripten runtime adds rethrowing
// unhandledRejection/uncaughtException listeners), then rejects a promise nobody catches.
// With --guard it installs the hosts' guard first. Prints one JSON line if it is still alive.
import { guardProcess } from '../../engine/app/process-guard.js';
import { selectBackend } from '../../native-model/backend.js';

const guard = process.argv.includes('--guard') ? guardProcess((l) => process.stderr.write(`${l}\n`)) : null;
const backend = await selectBackend({ preferNative: false });
const listeners = process.listenerCount('unhandledRejection');
void Promise.reject(new Error('stray rejection after the wasm backend loaded'));
await new Promise((r) => setTimeout(r, 200));
console.log(JSON.stringify({ backend, listeners, counts: guard?.counts ?? null }));
