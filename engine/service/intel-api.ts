// The threat-intel calls of the API (Settings' "Threat intelligence"): status, update now,
// import, configuration. The feeds only raise findings; a change of them rebuilds the findings.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError, type BeaconwatchApi } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import { defineBuiltinFeeds, importFeedText } from '../intel/update.js';
import { intelStatus } from '../intel/status.js';
import { FeedRejected } from '../intel/parse.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'emit' | 'intel' | 'store'>;

type IntelApi = Pick<BeaconwatchApi, 'getIntelStatus' | 'updateIntelNow' | 'importIntel' | 'updateIntelConfig'>;

export function createIntelApi(rt: RuntimeParts): IntelApi {
  const store = rt.store.intel;
  const status = () => {
    defineBuiltinFeeds(store);
    return intelStatus(store, rt.intel.nextCheckAt);
  };
  return {
    async getIntelStatus() {
      return status();
    },
    async updateIntelNow() {
      const results = await rt.intel.update(true);
      return { results, status: status() };
    },
    async importIntel({ text, fileName, name, format }) {
      defineBuiltinFeeds(store);
      try {
        const result = importFeedText(store, text, {
          ...(format ? { format } : {}),
          ...(name ? { name } : {}),
          source: fileName ? basename(fileName) : null,
        });
        rt.emit('changed', { reason: 'intel' });
        return { result, status: status() };
      } catch (err) {
        if (err instanceof FeedRejected) throw new ApiError('invalid-argument', err.message, { cause: err });
        throw err;
      }
    },
    async updateIntelConfig({ enabled, scheduleHours, customDir, feed }) {
      if (customDir) {
        if (!isFolder(customDir))
          throw new ApiError('invalid-argument', `${customDir} is not a folder: choose a folder of plain lists (one IP, CIDR or domain a line)`);
      }
      if (feed && !store.setEnabled(feed.name, feed.enabled)) throw new ApiError('not-found', `no feed named ${feed.name}`);
      store.setConfig({
        ...(enabled !== undefined ? { enabled } : {}),
        ...(scheduleHours !== undefined ? { scheduleHours } : {}),
        ...(customDir !== undefined ? { customDir: customDir === '' ? null : customDir } : {}),
      });
      // a feed switched, or a folder to read now: the findings follow at once
      if (feed || customDir) await rt.intel.update(false);
      rt.emit('changed', { reason: 'intel' });
      return status();
    },
  };
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
