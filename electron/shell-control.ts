// What the tray and the window's "Rescore now" do, and the status they show: one rescore at a
// time, the status refreshed after it and on the poll, pause and resume. Plain module (no
// Electron): main.ts wires it to the tray, the menu and the engine host's events.
import type { BeaconwatchApi, EngineStatus } from '../engine/api.js';
import type { Logger } from './log.js';
import type { TrayAction } from './tray-model.js';

export interface ShellControlDeps {
  api: Pick<BeaconwatchApi, 'rescoreNow' | 'getStatus' | 'setPaused'>;
  /** the tray, once made (null where the desktop has none) */
  tray: () => { update(status: EngineStatus | null, rescoring: boolean): void } | null;
  showWindow: () => void;
  quit: () => void;
  log: Logger;
}

export class ShellControl {
  status: EngineStatus | null = null;
  rescoring = false;

  constructor(private readonly d: ShellControlDeps) {}

  /** a new status (null: only the rescoring flag changed) onto the tray */
  setStatus(s: EngineStatus | null): void {
    if (s) this.status = s;
    this.d.tray()?.update(this.status, this.rescoring);
  }

  rescore(): void {
    if (this.rescoring) return;
    this.rescoring = true;
    this.setStatus(null);
    this.d.api
      .rescoreNow({})
      .then((r) => this.d.log.info(`rescored ${r.pairs} pairs in ${Math.round(r.durationMs)} ms, ${r.newAlerts} new alert(s)`))
      .catch((err: unknown) => this.d.log.error('rescore failed', err))
      .finally(() => {
        this.rescoring = false;
        void this.refreshStatus();
      });
  }

  async refreshStatus(): Promise<void> {
    try {
      this.setStatus(await this.d.api.getStatus({}));
    } catch (err) {
      this.d.log.debug(`getStatus failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  onTray(action: TrayAction): void {
    switch (action) {
      case 'open':
        this.d.showWindow();
        return;
      case 'rescore':
        this.rescore();
        return;
      case 'toggle-pause':
        this.d.api
          .setPaused({ paused: !(this.status?.paused ?? false) })
          .then((s) => this.setStatus(s))
          .catch((err: unknown) => this.d.log.error('pause/resume failed', err));
        return;
      case 'quit':
        this.d.quit();
        return;
    }
  }
}
