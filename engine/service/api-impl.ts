// The BeaconwatchApi over a running engine. Arguments arrive already validated by the transport
// (parseApiArg); here they are trusted to have the contract's shape.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiError,
  settingsError,
  type BeaconwatchApi,
  type FindingView,
  type PairDetail,
  type TimeWindow,
  type ZeekDirCandidate,
} from '../contract/api.js';
import { intervalsOf, toActivities } from '../score/activities.js';
import { saveSettings } from './settings.js';
import { writeDemoLogs } from '../demo/demo-logs.js';
import { hasZeekLogs } from '../ingest/find-logs.js';
import { noLogsMessage } from './log-dir-state.js';
import { coverageNote } from '../text/coverage-sentence.js';
import type { EngineRuntime } from './runtime.js';
import { devicesOf, listShownFindings, type ViewContext } from './views.js';
import { FindingsCache, type BuiltFindings } from './findings-cache.js';
import { defaultDataDir } from '../app/paths.js';
import { suggestLocalNetworks } from './local-suggestions.js';
import { AllowRuleError, AllowRuleNotFoundError } from '../allowlist/errors.js';
import { TimeWindows, windowKey } from './time-window.js';
import { rederiveDirections } from '../pairs/rederive-direction.js';
import { dirname } from 'node:path';
import { EventDetailReader } from '../event-details/read-details.js';
import { explainScore } from '../score/explain.js';
import { findingScopes } from './finding-scopes.js';
import { createReview } from './review.js';

const ZEEK_DIR_CANDIDATES = ['/opt/zeek/logs', '/usr/local/zeek/logs', '/nsm/zeek/logs', '/var/log/zeek', '/opt/zeek/spool/zeek'];

export function createApi(rt: EngineRuntime): BeaconwatchApi {
  /** windows other than the live one: scored on demand, apart from the stored scores */
  const windows = new TimeWindows(rt);
  /** findings built once between the changes that alter them, per window */
  const cache = new FindingsCache(rt);
  /** The findings of a window: the live one from the stored scores, another as scored on demand. */
  const findingsIn = async (w: TimeWindow | undefined): Promise<{ built: BuiltFindings; ctx: ViewContext; end: number | null; lengthS: number }> => {
    if (!w || windows.isLive(w)) {
      const built = cache.get('live', null, () => ({ rows: rt.store.pairs.listScoredPairs(), ctx: rt.viewContext() }));
      return { built, ctx: rt.viewContext(), end: null, lengthS: rt.settings.windowS };
    }
    const scored = await windows.rows(w);
    return { built: cache.get(windowKey(w), scored.scores, () => scored), ctx: scored.ctx, end: scored.end, lengthS: w.lengthS };
  };
  /** The finding (behaviour) a pair belongs to; its page and its dismissal are per finding. */
  const findingView = (pairId: number, built: BuiltFindings): FindingView => {
    if (!rt.store.pairs.getPair(pairId)) throw new ApiError('not-found', `no pair with id ${pairId}`);
    const v = built.byPair.get(pairId);
    if (!v) throw new ApiError('not-found', `pair ${pairId} has not been scored yet; rescore first`);
    return v;
  };
  // remembers where each log file starts, so a page opened again reads only what it needs
  const eventDetails = new EventDetailReader((kinds) => rt.store.logFiles.list(kinds));
  const review = createReview(rt);

  return {
    async getStatus() {
      // the first look at the folder ends first: an empty or unreadable one is an error from the first status
      await rt.logDirSettled();
      return { ...rt.status(), retention: windows.retention() };
    },
    async listFindings(q) {
      const { built, ctx, end, lengthS } = await findingsIn(q.window);
      // what this window scored and left out, said next to an empty list
      const coverage = rt.coverage(end !== null ? { end, lengthS } : null);
      return { ...listShownFindings(built.visible, ctx.settings.alertThreshold, q), coverageNote: coverage ? coverageNote(coverage) : null };
    },
    async getPair({ pairId, window, member }) {
      const scored = window && !windows.isLive(window);
      const finding = findingView(pairId, (await findingsIn(window)).built);
      // The finding's own id shows its strongest member; a member's id shows that member.
      const shownPairId = pairId === finding.findingId && !member ? finding.members[0]!.pairId : pairId;
      const windowEnd = finding.scoredAt;
      const windowStart = windowEnd - (scored ? window.lengthS : rt.settings.windowS);
      const ev = rt.store.pairs.events(shownPairId, windowStart, windowEnd);
      const series = toActivities(ev.ts, ev.bytes, rt.settings.activityGapS, windowStart, windowEnd);
      const shown = rt.store.pairs.getPair(shownPairId)!;
      const detail: PairDetail = {
        finding,
        windowStart,
        windowEnd,
        activities: Array.from(series.times),
        intervals: Array.from(intervalsOf(series.times)),
        history: rt.store.scores.history(shownPairId),
        // a window scored on demand (an earlier day) shows the events up to its end
        recentEvents: rt.store.pairs.recentEvents(shownPairId, 50, scored ? windowEnd : Infinity),
        allowScopes: findingScopes(rt, finding, shown),
        shownPairId,
        why: explainScore(finding.scores),
      };
      return detail;
    },
    async dismissPair({ pairId, dismissed, window }) {
      const finding = findingView(pairId, (await findingsIn(window)).built);
      rt.store.pairs.setDismissed(finding.findingId, dismissed);
      rt.emit('changed', { reason: 'allowlist' });
      return findingView(pairId, (await findingsIn(window)).built);
    },
    async listDevices() {
      // the pairs and last sightings as stored now (ingest moves them), the alerts from the findings shown
      return devicesOf(rt.store.pairs.deviceSightings(), rt.viewContext(), (await findingsIn(undefined)).built.visible);
    },
    async setDeviceLabel({ address, label }) {
      rt.store.devices.setLabel(address, label && label.trim() ? label.trim() : null);
      // findings name their devices: built again with the new label
      cache.invalidate();
      const all = devicesOf(rt.store.pairs.deviceSightings(), rt.viewContext(), (await findingsIn(undefined)).built.visible);
      const d = all.find((x) => x.address === address);
      if (d) return d;
      const row = rt.store.devices.get(address)!;
      return {
        address,
        name: row.label ?? row.hostName,
        hostName: row.hostName,
        mac: row.mac,
        label: row.label,
        alerts: 0,
        pairs: 0,
        topScore: null,
        lastSeen: null,
      };
    },
    async getSettings() {
      return rt.settings;
    },
    async updateSettings(patch) {
      if (patch.zeekDir) {
        const problem = zeekDirProblem(patch.zeekDir);
        if (problem) throw settingsError([{ field: 'zeekDir', message: problem }]);
      }
      const before = rt.settings;
      rt.settings = saveSettings(rt.store.settings, patch);
      // the stored pairs follow new local networks too, not only the logs read from now on
      if (patch.localNetworks !== undefined) {
        rt.store.pairs.setDirections(rederiveDirections(rt.store.pairs.listPairs(), before.localNetworks, rt.settings.localNetworks));
      }
      if (patch.zeekDir !== undefined && patch.zeekDir !== before.zeekDir) {
        rt.demo = false;
        // a failed rescore reaches the problems list and the log, as a scheduled one does
        void rt.startTailing().then(() => rt.rescoreNow().catch((err: unknown) => rt.rescoreFailed(err)));
      } else if (patch.localNetworks !== undefined && rt.tailer) {
        // the extractor decides directions as it reads: restart it with the new networks
        void rt.startTailing();
      }
      if (patch.rescoreIntervalS !== undefined) rt.schedule();
      rt.emit('changed', { reason: 'settings' });
      return rt.settings;
    },
    async detectZeekDirs({ path }) {
      const out: ZeekDirCandidate[] = [];
      for (const p of path ? [path, ...ZEEK_DIR_CANDIDATES.filter((c) => c !== path)] : ZEEK_DIR_CANDIDATES) {
        const exists = isDir(p);
        const hasLogs = exists && (await hasZeekLogs(p));
        out.push({ path: p, exists, hasLogs, problem: zeekDirProblem(p) ?? (hasLogs ? null : noLogsMessage(p)) });
      }
      return out;
    },
    async pickZeekDir() {
      return (await rt.opts.pickDirectory?.()) ?? null;
    },
    async rescoreNow() {
      return rt.rescoreNow();
    },
    async setPaused({ paused }) {
      rt.paused = paused;
      if (paused) await rt.stopTailing();
      else await rt.startTailing();
      return rt.status();
    },
    async loadDemo() {
      const dir = join(dirname(rt.opts.dbFile) || defaultDataDir(), 'demo-zeek-logs');
      writeDemoLogs(dir);
      rt.settings = saveSettings(rt.store.settings, { zeekDir: dir });
      rt.demo = true;
      await rt.startTailing();
      await rt.rescoreNow();
      return rt.status();
    },
    async listAllowRules() {
      // Hit counts come from the findings as shown, so the owner sees what a rule really hides.
      const hits = new Map<string, number>();
      for (const v of (await findingsIn(undefined)).built.visible) {
        if (v.allowlisted) hits.set(v.allowlisted.ruleId, (hits.get(v.allowlisted.ruleId) ?? 0) + 1);
      }
      return rt.allowlist.rules().map((r) => ({ ...r, hits: hits.get(r.id) ?? 0 }));
    },
    async addAllowRule(input) {
      const r = wrap(() => rt.allowlist.add(input));
      rt.emit('changed', { reason: 'allowlist' });
      return r;
    },
    async updateAllowRule({ id, patch }) {
      const r = wrap(() => rt.allowlist.update(id, patch));
      rt.emit('changed', { reason: 'allowlist' });
      return r;
    },
    async removeAllowRule({ id }) {
      const removed = wrap(() => rt.allowlist.remove(id));
      rt.emit('changed', { reason: 'allowlist' });
      return { removed };
    },
    async importAllowRules({ json, force }) {
      const r = wrap(() => rt.allowlist.importJson(json, undefined, force === true));
      rt.emit('changed', { reason: 'allowlist' });
      return r;
    },
    async exportAllowRules() {
      return { json: rt.allowlist.exportJson() };
    },
    async suggestLocalNetworks() {
      const dhcp = rt.store.devices
        .list()
        .filter((d) => d.hostName !== null || d.mac !== null)
        .map((d) => d.address);
      return suggestLocalNetworks(rt.store.pairs.listScoredPairs(), dhcp, rt.settings.localNetworks);
    },
    async getDataTimeline() {
      return windows.timeline();
    },
    async scoreWindow(w) {
      return windows.request(w);
    },
    async getReview() {
      return review.view();
    },
    async decideReview(d) {
      const r = wrap(() => review.decide(d));
      rt.emit('changed', { reason: 'allowlist' });
      return r;
    },
    async finishReview({ reopen }) {
      const r = review.finish(reopen === true);
      rt.emit('changed', { reason: 'allowlist' });
      return r;
    },
    async sendTestAlert() {
      const results = await rt.remoteAlerts.test();
      if (results.length === 0) throw new ApiError('invalid-argument', 'No alert target is set: enter an ntfy or webhook address and save first.');
      return results;
    },
    async getEventDetails({ pairId, limit, until }) {
      const pair = rt.store.pairs.getPair(pairId);
      if (!pair) throw new ApiError('not-found', `no pair with id ${pairId}`);
      const targets = rt.store.pairs.recentEvents(pairId, limit ?? 50, until ?? Infinity).map((e) => e.ts);
      return { pairId, ...(await eventDetails.read({ pair, targets })) };
    },
  };
}

/**
 * Allow-list errors by kind: a rule that names nothing is `not-found`, a rule that cannot be
 * accepted is the caller's mistake (`invalid-argument`); anything else (a SQLite failure) is
 * `failed`, with the original error kept as the cause.
 */
export function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toApiError(err);
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof AllowRuleNotFoundError) return new ApiError('not-found', err.message, { cause: err });
  if (err instanceof AllowRuleError) return new ApiError('invalid-argument', err.message, { cause: err });
  return new ApiError('failed', err instanceof Error ? err.message : String(err), { cause: err });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A helpful message when a directory cannot be a Zeek log directory, else null. */
export function zeekDirProblem(dir: string): string | null {
  if (!existsSync(dir))
    return `${dir} does not exist. Choose the folder where Zeek writes its logs (often /opt/zeek/logs, /usr/local/zeek/logs or /nsm/zeek/logs).`;
  if (!isDir(dir)) return `${dir} is a file, not a folder. Choose the folder that contains conn.log (or current/ and dated archive folders).`;
  return null;
}
