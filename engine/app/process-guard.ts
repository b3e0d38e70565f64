// The hosts' (CLI, serve, watch, Electron main) own handlers for what nobody caught: a stray
// rejected promise (an openExternal without a catch, say) or an exception thrown from a timer.
// Node's default ends the process for either (exit 1, or 7 when a library's listener rethrows);
// a sensor box's watch or the desktop app dying for one forgotten catch is worse than a logged
// line, so each is logged with its stack, counted, and the host goes on. The work that failed is
// lost; the store is not (every write is one transaction), so going on is safe.
//
// Libraries may add rethrowing listeners of their own (@tensorflow/tfjs-backend-wasm's
// Emscripten runtime does: `process.on('unhandledRejection', (r) => { throw r })`, exit 7).
// Every listener added after the guard is removed again, right after it is added: only the host
// decides what a stray error does.
import type { EventEmitter } from 'node:events';

export interface ProcessGuardCounts {
  rejections: number;
  exceptions: number;
  /** foreign listeners removed (the wasm backend adds two) */
  neutralised: number;
}

export interface ProcessGuard {
  readonly counts: ProcessGuardCounts;
  dispose(): void;
}

const EVENTS: readonly (string | symbol)[] = ['unhandledRejection', 'uncaughtException'];
type Listener = (...args: unknown[]) => void;

let installed: ProcessGuard | null = null;

/** Installs the handlers once per process; later calls return the same guard. */
export function guardProcess(log: (line: string) => void): ProcessGuard {
  if (installed) return installed;
  const counts: ProcessGuardCounts = { rejections: 0, exceptions: 0, neutralised: 0 };
  const say = (what: string, n: number, err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    try {
      log(`beaconwatch: ${what} #${n} (logged, the process goes on): ${text}`);
    } catch {
      // a failing log must not turn into a second uncaught exception
    }
  };
  const onRejection = (reason: unknown) => say('unhandled promise rejection', ++counts.rejections, reason);
  const onException = (err: unknown) => say('uncaught exception', ++counts.exceptions, err);
  const ours = new Set<Listener>([onRejection, onException]);
  // the plain emitter view: Electron's typing of `process` narrows listeners() to signals
  const proc = process as unknown as EventEmitter;
  // `newListener` fires before the listener is in the list: remove it once the adding code has
  // run (a microtask), before any rejection of that code can reach it
  const onNewListener = (event: string | symbol, listener: Listener) => {
    if (!EVENTS.includes(event) || ours.has(listener)) return;
    queueMicrotask(() => {
      if (proc.listeners(event).includes(listener)) {
        proc.removeListener(event, listener);
        counts.neutralised++;
      }
    });
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  proc.on('newListener', onNewListener);
  installed = {
    counts,
    dispose() {
      proc.removeListener('unhandledRejection', onRejection);
      proc.removeListener('uncaughtException', onException);
      proc.removeListener('newListener', onNewListener);
      installed = null;
    },
  };
  return installed;
}
