// After each rescore: the findings that alert (new, above the threshold), and those alerting for
// the first time ever, marked notified and handed to the desktop's notifications and the remote
// alerts. A behaviour that gains members (a new address) is not new.
import type { FindingView } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import { isAlert, visibleFindings } from './views.js';

export function collectAlerts(rt: EngineRuntime, emit: (fresh: FindingView[]) => void): { alerts: number; findings: number } {
  const rows = rt.store.pairs.listScoredPairs();
  const notified = new Set(rows.filter((r) => r.notifiedAt !== null).map((r) => r.id));
  const alerting = visibleFindings(rows, rt.viewContext()).filter(isAlert);
  const fresh = alerting.filter((v) => !v.members.some((m) => notified.has(m.pairId)));
  if (fresh.length === 0) return { alerts: 0, findings: alerting.length };
  rt.store.pairs.markNotified(
    fresh.flatMap((v) => v.members.map((m) => m.pairId)),
    Date.now() / 1000,
  );
  if (rt.settings.notifications) {
    emit(fresh);
    void rt.remoteAlerts.notify(fresh);
  }
  return { alerts: fresh.length, findings: alerting.length };
}
