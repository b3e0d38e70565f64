// createEngineHost: the engine as a process hosts it (Electron main, `serve`, `watch`).
import type { ApiPush } from '../contract/api.js';
import type { EngineHost, EngineHostEvents, EngineHostOptions } from '../contract/host.js';
import { createApi } from './api-impl.js';
import { EngineRuntime } from './runtime.js';
import { lockStore } from '../../db/store-lock.js';

export async function createEngineHost(opts: EngineHostOptions): Promise<EngineHost> {
  // one tailing host per store (db/store-lock.ts): a second would count every event twice
  const lock = opts.dbFile === ':memory:' ? null : lockStore(opts.dbFile, opts.mode === 'desktop' ? 'the desktop app' : 'beaconwatch watch or serve');
  let rt: EngineRuntime;
  try {
    rt = new EngineRuntime(opts);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const api = createApi(rt);
  let started = false;
  return {
    api,
    on<E extends keyof EngineHostEvents>(event: E, listener: EngineHostEvents[E]) {
      rt.on(event, listener as (...args: unknown[]) => void);
      return () => rt.off(event, listener as (...args: unknown[]) => void);
    },
    async start() {
      if (started) return;
      started = true;
      if (opts.demo) {
        await api.loadDemo({});
        return;
      }
      await rt.startTailing();
      // First rescore right after the backfill, then on the schedule; between them, a quick
      // pass every few minutes scores the pairs with new events (quick-rescore.ts)
      await rt.rescoreNow().catch((err: unknown) => rt.rescoreFailed(err));
      rt.quick.start();
      // threat-intel downloads: hourly looks for feeds older than the schedule (default daily)
      rt.intel.start();
    },
    async stop() {
      try {
        await rt.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export type { ApiPush };
