// The BeaconwatchApi over a running engine, composed of its use cases (findings-api.ts,
// device-api.ts, settings-api.ts, allow-api.ts, case-api.ts, intel-api.ts; the finding page's
// logic in pair-view.ts).
// Arguments arrive already validated by the transport (parseApiArg); here they are trusted to
// have the contract's shape. A new call goes into the use case it belongs to.
import { ApiError, type BeaconwatchApi } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import { createFindingsSource } from './findings-source.js';
import { findingsApi } from './findings-api.js';
import { deviceApi } from './device-api.js';
import { settingsApi } from './settings-api.js';
import { allowApi } from './allow-api.js';
import { caseApi } from './case-api.js';
import { createIntelApi } from './intel-api.js';

export { toApiError, wrap } from './allow-api.js';
export { zeekDirProblem } from './zeek-dir.js';

export function createApi(rt: EngineRuntime): BeaconwatchApi {
  const findings = createFindingsSource(rt);
  return {
    ...findingsApi(rt, findings),
    ...deviceApi(rt, findings),
    ...settingsApi(rt),
    ...allowApi(rt, findings),
    ...caseApi(rt.store.cases, findings),
    ...createIntelApi(rt),
    async rescoreNow() {
      return rt.rescoreNow();
    },
    async setPaused({ paused }) {
      rt.paused = paused;
      if (paused) await rt.stopTailing();
      else await rt.startTailing();
      return rt.status();
    },
    async sendTestAlert() {
      const results = await rt.remoteAlerts.test();
      if (results.length === 0) throw new ApiError('invalid-argument', 'No alert target is set: enter an ntfy or webhook address and save first.');
      return results;
    },
  };
}
