// The findings use cases: the status, the list of a window, a finding's page (pair-view.ts),
// dismissal, a pair's events as Zeek logged them, the windows scored on demand, and RITA's long
// connections.
import { ApiError, type BeaconwatchApi } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import type { FindingsSource } from './findings-source.js';
import { listShownFindings } from './views.js';
import { coverageNote } from '../text/coverage-sentence.js';
import { EventDetailReader } from '../event-details/read-details.js';
import { findingScopes } from './finding-scopes.js';
import { pairDetail } from './pair-view.js';
import { withCase, withCases } from './case-api.js';
import { intelHealth } from '../intel/status.js';
import { longConnections } from '../findings/long-connections.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'allowlist' | 'coverage' | 'emit' | 'logDirSettled' | 'settings' | 'status' | 'store'>;

type FindingsCalls =
  'getStatus' | 'listFindings' | 'getPair' | 'dismissPair' | 'getEventDetails' | 'getDataTimeline' | 'scoreWindow' | 'listLongConnections';

export function findingsApi(rt: RuntimeParts, findings: FindingsSource): Pick<BeaconwatchApi, FindingsCalls> {
  const { windows, findingsIn, findingOf } = findings;
  // remembers where each log file starts, so a page opened again reads only what it needs
  const eventDetails = new EventDetailReader((kinds, sensor) => rt.store.logFiles.list(kinds, sensor));
  return {
    async getStatus() {
      // the first look at the folder ends first: an empty or unreadable one is an error from the first status
      await rt.logDirSettled();
      return { ...rt.status(), retention: windows.retention(), intel: intelHealth(rt.store.intel) };
    },
    async listLongConnections({ limit, includeInbound }) {
      // each pair links to its finding's page where it has one (the live findings)
      const { built } = await findingsIn(undefined);
      return longConnections(rt.store, {
        ...(limit !== undefined ? { limit } : {}),
        ...(includeInbound !== undefined ? { includeInbound } : {}),
        findingOf: (id) => built.byPair.get(id)?.findingId ?? null,
      });
    },
    async listFindings(q) {
      const { built, ctx, end, lengthS } = await findingsIn(q.window);
      // what this window scored and left out, said next to an empty list
      const coverage = rt.coverage(end !== null ? { end, lengthS } : null);
      const shown = listShownFindings(built.visible, ctx.settings.alertThreshold, q);
      return { ...shown, findings: withCases(rt.store.cases, shown.findings), coverageNote: coverage ? coverageNote(coverage) : null };
    },
    async getPair({ pairId, window, member }) {
      const finding = withCase(rt.store.cases, findingOf(pairId, (await findingsIn(window)).built));
      const inputs = { pairs: rt.store.pairs, scores: rt.store.scores, settings: rt.settings, scopes: findingScopes.bind(null, rt) };
      return pairDetail(inputs, finding, { pairId, member, scoredLengthS: window && !windows.isLive(window) ? window.lengthS : null });
    },
    async dismissPair({ pairId, dismissed, window }) {
      const finding = findingOf(pairId, (await findingsIn(window)).built);
      rt.store.pairs.setDismissed(finding.findingId, dismissed);
      rt.emit('changed', { reason: 'allowlist' });
      return withCase(rt.store.cases, findingOf(pairId, (await findingsIn(window)).built));
    },
    async getEventDetails({ pairId, limit, until }) {
      const pair = rt.store.pairs.getPair(pairId);
      if (!pair) throw new ApiError('not-found', `no pair with id ${pairId}`);
      const targets = rt.store.pairs.recentEvents(pairId, limit ?? 50, until ?? Infinity).map((e) => e.ts);
      return { pairId, ...(await eventDetails.read({ pair, targets })) };
    },
    async getDataTimeline() {
      return windows.timeline();
    },
    async scoreWindow(w) {
      return windows.request(w);
    },
  };
}
