// Fixtures for the desktop shell's tests: a recording API, findings and statuses.
import { API_METHODS } from '../../engine/api.js';
import type { ApiMethod, BeaconwatchApi, EngineStatus, FindingView } from '../../engine/api.js';

// ---------- fixtures ----------

export type Call = { method: ApiMethod; arg: unknown };

/** An api whose every method records its argument and answers `{ method }` (or what `impl` says). */
export function recordingApi(impl: Partial<Record<ApiMethod, (arg: unknown) => unknown>> = {}): { api: BeaconwatchApi; calls: Call[] } {
  const calls: Call[] = [];
  const api = {} as Record<ApiMethod, (arg: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    api[method] = async (arg: unknown) => {
      calls.push({ method, arg });
      const f = impl[method];
      return f ? f(arg) : { method };
    };
  }
  return { api: api as unknown as BeaconwatchApi, calls };
}

let nextId = 1;
export function finding(over: Partial<FindingView> = {}): FindingView {
  const pairId = over.pairId ?? nextId++;
  return {
    pairId,
    sensor: 'sensor',
    source: 'ssl',
    src: '10.0.0.5',
    dst: `c2-${pairId}.example.net`,
    variant: null,
    direction: 'outbound',
    stats: { events: 1440, activities: 1440, periodS: 60, spreadS: 2, jitterRatio: 0.03, coverage: 1, firstSeen: 0, lastSeen: 86400 },
    score: 0.9,
    scores: {},
    scoredAt: 86400,
    port: 443,
    proto: 'tcp',
    service: 'ssl',
    state: 'new',
    allowlisted: null,
    dismissed: false,
    deviceName: null,
    summary: 'every 58–62 s, typically 60 s, 1,440 times in 24 h',
    dstNames: [],
    findingId: pairId,
    kind: 'name',
    periodicity: 0.95,
    logOdds: 3,
    reasons: [],
    sharedBy: 1,
    presentSinceStart: false,
    bytes: null,
    campaign: null,
    headline: '',
    members: [],
    ...over,
  };
}

export function status(over: Partial<EngineStatus> = {}): EngineStatus {
  return {
    version: '0.1.0',
    mode: 'desktop',
    zeekDir: '/opt/zeek/logs',
    tailing: true,
    paused: false,
    demo: false,
    backfill: null,
    lastRescore: null,
    nextRescoreAt: null,
    eventsPerMinute: 0,
    ingestLagS: null,
    pairs: 0,
    events: 0,
    modelBackend: null,
    problems: [],
    logDir: null,
    filesWaiting: 0,
    skippedRows: 0,
    ...over,
  };
}
