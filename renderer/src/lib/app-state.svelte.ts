// What every view shares: the engine status (polled), and a `version` that bumps whenever stored
// data changed (desktop push, or a new rescore/ingest seen while polling), so views reload.
import type { EngineStatus } from '../../../engine/api.js';
import { api } from './api-client.js';
import { router } from './router.svelte.js';

const POLL_MS = 5000;

class AppState {
  status = $state<EngineStatus | null>(null);
  statusError = $state<string | null>(null);
  /** the server wants the token printed by `beaconwatch serve` */
  unauthorized = $state(false);
  /** bumps when findings may have changed */
  version = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;

  async refreshStatus(): Promise<void> {
    try {
      const s = await api.getStatus({});
      const prev = this.status;
      this.status = s;
      this.statusError = null;
      this.unauthorized = false;
      if (
        prev &&
        (prev.lastRescore?.at !== s.lastRescore?.at || prev.pairs !== s.pairs || prev.demo !== s.demo || prev.zeekDir !== s.zeekDir)
      ) {
        this.version++;
      }
    } catch (e) {
      this.statusError = e instanceof Error ? e.message : String(e);
      this.unauthorized = (e as { code?: string }).code === 'unauthorized';
    }
  }

  /** call after an action that changes findings (allow-list, dismiss, settings) */
  changed(): void {
    this.version++;
    void this.refreshStatus();
  }

  start(): void {
    void this.refreshStatus();
    this.#timer = setInterval(() => void this.refreshStatus(), POLL_MS);
    api.onPush?.((event, payload) => {
      if (event === 'openPair') router.go({ name: 'pair', pairId: (payload as { pairId: number }).pairId });
      else this.changed();
    });
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}

export const app = new AppState();

/** true when nothing is configured and nothing is stored: show the first-run screen */
export function isFirstRun(s: EngineStatus | null): boolean {
  return !!s && s.zeekDir === null && !s.demo && s.events === 0 && s.pairs === 0;
}
