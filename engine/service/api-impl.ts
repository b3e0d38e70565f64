// The BeaconwatchApi over a running engine. Arguments arrive already validated by the transport
// (parseApiArg); here they are trusted to have the contract's shape.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type BeaconwatchApi, type FindingView, type PairDetail, type ZeekDirCandidate } from '../api.js';
import { intervalsOf, toActivities } from '../score/activities.js';
import { saveSettings } from '../settings.js';
import { writeDemoLogs } from '../demo/demo-logs.js';
import { hasZeekLogs } from '../ingest/find-logs.js';
import { noLogsMessage } from './log-dir-state.js';
import type { EngineRuntime } from './runtime.js';
import { listDevices, listFindings, toView } from './views.js';
import { defaultDataDir } from '../paths.js';
import { dirname } from 'node:path';

const ZEEK_DIR_CANDIDATES = ['/opt/zeek/logs', '/usr/local/zeek/logs', '/nsm/zeek/logs', '/var/log/zeek', '/opt/zeek/spool/zeek'];

export function createApi(rt: EngineRuntime): BeaconwatchApi {
  const findingView = (pairId: number): FindingView => {
    const row = rt.store.pairs.getPair(pairId);
    if (!row) throw new ApiError('not-found', `no pair with id ${pairId}`);
    const v = toView(row, rt.viewContext());
    if (!v) throw new ApiError('not-found', `pair ${pairId} has not been scored yet; rescore first`);
    return v;
  };

  return {
    async getStatus() {
      return rt.status();
    },
    async listFindings(q) {
      return listFindings(rt.store.pairs.listScoredPairs(), rt.viewContext(), q);
    },
    async getPair({ pairId }) {
      const finding = findingView(pairId);
      const windowEnd = finding.scoredAt;
      const windowStart = windowEnd - rt.settings.windowS;
      const ev = rt.store.pairs.events(pairId, windowStart, windowEnd);
      const series = toActivities(ev.ts, ev.bytes, rt.settings.activityGapS, windowStart, windowEnd);
      const detail: PairDetail = {
        finding,
        windowStart,
        windowEnd,
        activities: Array.from(series.times),
        intervals: Array.from(intervalsOf(series.times)),
        history: rt.store.scores.history(pairId),
        recentEvents: rt.store.pairs.recentEvents(pairId, 50),
        allowScopes: rt.allowlist.scopesFor(finding),
      };
      return detail;
    },
    async dismissPair({ pairId, dismissed }) {
      if (!rt.store.pairs.setDismissed(pairId, dismissed)) throw new ApiError('not-found', `no pair with id ${pairId}`);
      rt.emit('changed', { reason: 'allowlist' });
      return findingView(pairId);
    },
    async listDevices() {
      return listDevices(rt.store.pairs.listScoredPairs(), rt.viewContext());
    },
    async setDeviceLabel({ address, label }) {
      rt.store.devices.setLabel(address, label && label.trim() ? label.trim() : null);
      const all = listDevices(rt.store.pairs.listScoredPairs(), rt.viewContext());
      const d = all.find((x) => x.address === address);
      if (d) return d;
      const row = rt.store.devices.get(address)!;
      return { address, name: row.label ?? row.hostName, hostName: row.hostName, mac: row.mac, label: row.label, alerts: 0, pairs: 0, topScore: null, lastSeen: null };
    },
    async getSettings() {
      return rt.settings;
    },
    async updateSettings(patch) {
      if (patch.zeekDir) {
        const problem = zeekDirProblem(patch.zeekDir);
        if (problem) throw new ApiError('invalid-argument', problem);
      }
      const before = rt.settings;
      rt.settings = saveSettings(rt.store.settings, patch);
      if (patch.zeekDir !== undefined && patch.zeekDir !== before.zeekDir) {
        rt.demo = false;
        void rt.startTailing().then(() => rt.rescoreNow().catch(() => undefined));
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
      return rt.allowlist.rules();
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
    async importAllowRules({ json }) {
      const r = wrap(() => rt.allowlist.importJson(json));
      rt.emit('changed', { reason: 'allowlist' });
      return r;
    },
    async exportAllowRules() {
      return { json: rt.allowlist.exportJson() };
    },
  };
}

/** Allow-list errors are the caller's mistakes: report them as invalid arguments. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('invalid-argument', (err as Error).message);
  }
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
  if (!existsSync(dir)) return `${dir} does not exist. Choose the folder where Zeek writes its logs (often /opt/zeek/logs, /usr/local/zeek/logs or /nsm/zeek/logs).`;
  if (!isDir(dir)) return `${dir} is a file, not a folder. Choose the folder that contains conn.log (or current/ and dated archive folders).`;
  return null;
}
