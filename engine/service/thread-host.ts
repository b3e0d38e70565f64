// createEngineHostInThread: the same EngineHost contract as createEngineHost, with the engine on
// a worker thread (host-thread-worker.ts). The calling thread only posts messages, so a long
// query, a backfill or a rescore never stalls it: Electron main keeps windows, tray and IPC
// responsive. Results cross by structured clone (plain data, as over IPC or HTTP); errors are
// rebuilt as ApiError with their code, the worker's stack kept as the cause.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { API_METHODS, ApiError, type BeaconwatchApi } from '../contract/api.js';
import type { EngineHost, EngineHostEvents, EngineHostOptions } from '../contract/host.js';
import type { FromHostWorker, HostCall, HostWorkerData, ToHostWorker, WireError } from './host-thread-worker.js';

/** the compiled worker next to this file, or its TypeScript source when run through tsx */
function workerFile(): URL {
  const js = new URL('./host-thread-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  return new URL('./host-thread-worker.ts', import.meta.url);
}

const rebuild = (e: WireError) => {
  const cause = e.stack ? Object.assign(new Error(e.message), { stack: e.stack }) : undefined;
  return new ApiError(e.code, e.message, cause || e.fields ? { ...(cause ? { cause } : {}), ...(e.fields ? { fields: e.fields } : {}) } : undefined);
};

export async function createEngineHostInThread(opts: EngineHostOptions): Promise<EngineHost> {
  const { pickDirectory, log, ...plain } = opts;
  const data: HostWorkerData = { opts: plain, canPick: pickDirectory !== undefined };
  const worker = new Worker(workerFile(), { workerData: data });
  const events = new EventEmitter();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  const failAll = (err: Error) => {
    dead ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromHostWorker) => {
      switch (m.type) {
        case 'ready':
          return resolve();
        case 'failed':
          return reject(rebuild(m.error));
        case 'log':
          return log?.(m.line);
        case 'event':
          events.emit(m.event, m.payload);
          return;
        case 'pick':
          void (pickDirectory ?? (async () => null))()
            .catch(() => null)
            .then((dir) => worker.postMessage({ type: 'picked', id: m.id, dir } satisfies ToHostWorker));
          return;
        case 'result':
        case 'error': {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.type === 'result') p?.resolve(m.result);
          else p?.reject(rebuild(m.error));
        }
      }
    });
    worker.on('error', (err) => {
      failAll(new ApiError('failed', `the engine thread failed: ${err.message}`, { cause: err }));
      reject(err);
    });
    worker.on('exit', (code) => {
      failAll(new ApiError('failed', `the engine thread stopped (exit ${code})`));
      reject(new Error(`the engine thread stopped (exit ${code}) before it was ready`));
    });
  });
  await ready;

  const call = (method: HostCall, arg?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, method, arg } satisfies ToHostWorker);
    });
  const api = Object.fromEntries(API_METHODS.map((m) => [m, (arg: unknown) => call(m, arg)])) as unknown as BeaconwatchApi;

  return {
    api,
    on<E extends keyof EngineHostEvents>(event: E, listener: EngineHostEvents[E]) {
      events.on(event, listener as (...args: unknown[]) => void);
      return () => events.off(event, listener as (...args: unknown[]) => void);
    },
    start: () => call('start').then(() => undefined),
    async stop() {
      if (dead) return;
      try {
        await call('stop');
      } finally {
        // the store is closed: nothing left on the thread
        await worker.terminate();
      }
    },
  };
}
