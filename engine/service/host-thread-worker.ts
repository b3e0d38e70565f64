// The worker side of thread-host.ts: the whole engine (store, tailer, rescore, queries) runs
// here, on its own thread, so that the hosting process's thread (Electron main: windows, tray,
// IPC) never waits for SQLite or the scorers. Calls arrive as messages and leave as messages;
// errors keep their contract code; a folder picker is asked of the host's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { API_METHODS, ApiError, type ApiMethod } from '../contract/api.js';
import type { EngineHostEvents, EngineHostOptions } from '../contract/host.js';
import { createEngineHost } from './create-host.js';
import { guardProcess } from '../app/process-guard.js';

export type HostCall = ApiMethod | 'start' | 'stop';
export type ToHostWorker = { type: 'call'; id: number; method: HostCall; arg: unknown } | { type: 'picked'; id: number; dir: string | null };
export type WireError = { code: ApiError['code']; message: string; stack?: string; fields?: ApiError['fields'] };
export type FromHostWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'event'; event: keyof EngineHostEvents; payload: unknown }
  | { type: 'pick'; id: number }
  | { type: 'log'; line: string };

export interface HostWorkerData {
  opts: Omit<EngineHostOptions, 'pickDirectory' | 'log'>;
  canPick: boolean;
}

const port = parentPort!;
const post = (m: FromHostWorker) => port.postMessage(m);
const wire = (err: unknown): WireError => {
  if (err instanceof ApiError)
    return { code: err.code, message: err.message, ...(err.stack ? { stack: err.stack } : {}), ...(err.fields ? { fields: err.fields } : {}) };
  if (err instanceof Error) return { code: 'failed', message: err.message || err.name, ...(err.stack ? { stack: err.stack } : {}) };
  return { code: 'failed', message: String(err) };
};

// a worker thread has its own process events: a stray rejection here (or the wasm backend's
// rethrowing listeners, added on this thread) would end the engine thread, so the guard is
// installed here as well as in Electron main (engine/app/process-guard.ts)
guardProcess((line) => post({ type: 'log', line }));

const data = workerData as HostWorkerData;
const picks = new Map<number, (dir: string | null) => void>();
let nextPick = 1;
const pickDirectory = () =>
  new Promise<string | null>((resolve) => {
    const id = nextPick++;
    picks.set(id, resolve);
    post({ type: 'pick', id });
  });

try {
  const host = await createEngineHost({
    ...data.opts,
    ...(data.canPick ? { pickDirectory } : {}),
    log: (line) => post({ type: 'log', line }),
  });
  for (const event of ['alerts', 'changed', 'status'] as const) host.on(event, (payload: unknown) => post({ type: 'event', event, payload }));
  const methods = new Set<string>(API_METHODS);
  port.on('message', (m: ToHostWorker) => {
    if (m.type === 'picked') {
      picks.get(m.id)?.(m.dir);
      picks.delete(m.id);
      return;
    }
    const run = (): Promise<unknown> => {
      if (m.method === 'start') return host.start();
      if (m.method === 'stop') return host.stop();
      if (!methods.has(m.method)) return Promise.reject(new ApiError('invalid-argument', `no such method: ${m.method}`));
      return (host.api[m.method] as (arg: unknown) => Promise<unknown>)(m.arg);
    };
    run().then(
      (result) => post({ type: 'result', id: m.id, result }),
      (err: unknown) => post({ type: 'error', id: m.id, error: wire(err) }),
    );
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'failed', error: wire(err) });
}
