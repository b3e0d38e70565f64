// Shows what notification-plan.ts decides; a click opens the window (and the pair).
import { Notification } from 'electron';
import type { BeaconwatchApi, FindingView } from '../engine/api.js';
import type { Logger } from './log.js';
import { planNotifications } from './notification-plan.js';

export interface Notifier {
  handleAlerts(findings: FindingView[]): Promise<void>;
}

export function createNotifier(api: BeaconwatchApi, onClick: (pairId: number | null) => void, iconPath: string, log: Logger): Notifier {
  const notified = new Set<number>();
  // keep shown notifications referenced, else a garbage-collected one loses its click handler
  const live = new Set<Notification>();
  return {
    async handleAlerts(findings) {
      if (findings.length === 0) return;
      let enabled = true;
      try {
        enabled = (await api.getSettings({})).notifications;
      } catch (err) {
        log.warn(`cannot read settings for notifications: ${err instanceof Error ? err.message : String(err)}`);
      }
      const plan = planNotifications(findings, { enabled, alreadyNotified: notified });
      for (const f of findings) notified.add(f.pairId);
      if (plan.length === 0) return;
      if (!Notification.isSupported()) {
        log.info(`notifications unsupported here; ${findings.length} new beaconing finding(s)`);
        return;
      }
      for (const p of plan) {
        const n = new Notification({ title: p.title, body: p.body, icon: iconPath, silent: false });
        live.add(n);
        n.on('click', () => {
          live.delete(n);
          onClick(p.pairId);
        });
        n.on('close', () => live.delete(n));
        n.show();
      }
    },
  };
}
