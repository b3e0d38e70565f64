// Measures the main process's event-loop delay around heavy engine calls (rescoreNow), logged at
// debug level: the engine yields between chunks, and this is how we see whether it yields enough.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { API_METHODS } from '../engine/api.js';
import type { ApiMethod, BeaconwatchApi } from '../engine/api.js';

export interface LoopDelaySample {
  label: string;
  durationMs: number;
  meanMs: number;
  p99Ms: number;
  maxMs: number;
}

export function formatLoopDelay(s: LoopDelaySample): string {
  const f = (n: number) => n.toFixed(1);
  return `${s.label}: ${f(s.durationMs)} ms; event-loop delay mean ${f(s.meanMs)} ms, p99 ${f(s.p99Ms)} ms, max ${f(s.maxMs)} ms`;
}

const RESOLUTION_MS = 10;

/**
 * Runs `run` with the event-loop delay histogram on. The report comes a little after `run`
 * settles: a loop blocked by `run` is only recorded when the histogram's timer gets to fire.
 */
export async function measureLoopDelay<T>(label: string, run: () => Promise<T>, report: (s: LoopDelaySample) => void): Promise<T> {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const t0 = performance.now();
  h.enable();
  try {
    return await run();
  } finally {
    const durationMs = performance.now() - t0;
    const done = setTimeout(() => {
      h.disable();
      const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
      report({ label, durationMs, meanMs: ms(h.mean), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) });
    }, RESOLUTION_MS * 3);
    done.unref();
  }
}

/** The same api, with the listed methods measured. */
export function withLoopDelayLogging(
  api: BeaconwatchApi,
  report: (s: LoopDelaySample) => void,
  methods: readonly ApiMethod[] = ['rescoreNow', 'loadDemo'],
): BeaconwatchApi {
  const out: Partial<Record<ApiMethod, (arg: unknown) => Promise<unknown>>> = {};
  for (const m of API_METHODS) {
    const call = (api[m] as (arg: unknown) => Promise<unknown>).bind(api);
    out[m] = methods.includes(m) ? (arg) => measureLoopDelay(m, () => call(arg), report) : call;
  }
  return out as unknown as BeaconwatchApi;
}
