// What every view shares: the engine status (polled), and a `version` that bumps whenever stored
// data changed (desktop push, or a new rescore/ingest seen while polling), so views reload.
import type { EngineStatus } from '../../../engine/api.js';
import { api } from './api-client.js';
import { router } from './router.svelte.js';

const POLL_MS = 5000;
/** while the engine does not answer, ask more often so the banner goes away soon after it is back */
const RETRY_MS = 2000;
/** one lost answer can be a hiccup; this many in a row means the engine is gone */
const FAILURES_BEFORE_BANNER = 3;

class AppState {
  status = $state<EngineStatus | null>(null);
  statusError = $state<string | null>(null);
  /** the server wants the token printed by `beaconwatch serve` */
  unauthorized = $state(false);
  /** bumps when findings may have changed */
  version = $state(0);
  /** polls in a row that got no answer, and when the first of them was sent (epoch ms) */
  failures = $state(0);
  failingSince = $state<number | null>(null);
  /** when the engine last answered (epoch ms): the age of what is shown while it is down */
  lastAnswerAt = $state<number | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  /** the engine stopped answering: what is shown is the last data it gave, and may be stale */
  get engineDown(): boolean {
    return this.failures >= FAILURES_BEFORE_BANNER && !this.unauthorized;
  }

  async refreshStatus(): Promise<void> {
    const sentAt = Date.now();
    try {
      const s = await api.getStatus({});
      // back after an outage: reload what the views show, it may have changed meanwhile
      if (this.engineDown) this.version++;
      this.failures = 0;
      this.failingSince = null;
      this.lastAnswerAt = Date.now();
      const prev = this.status;
      this.status = s;
      this.statusError = null;
      this.unauthorized = false;
      if (prev && (prev.lastRescore?.at !== s.lastRescore?.at || prev.pairs !== s.pairs || prev.demo !== s.demo || prev.zeekDir !== s.zeekDir)) {
        this.version++;
      }
    } catch (e) {
      this.failures++;
      this.failingSince ??= sentAt;
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
    this.#stopped = false;
    const tick = async () => {
      await this.refreshStatus();
      if (!this.#stopped) this.#timer = setTimeout(() => void tick(), this.failures > 0 ? RETRY_MS : POLL_MS);
    };
    void tick();
    api.onPush?.((event, payload) => {
      if (event === 'openPair') router.go({ name: 'pair', pairId: (payload as { pairId: number }).pairId });
      else this.changed();
    });
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }
}

export const app = new AppState();

/**
 * Several sensors are followed (or the findings come from several): the lists show which
 * sensor saw each finding. One sensor says nothing a chip would need to.
 */
export function severalSensors(findings: readonly { sensor: string }[] = []): boolean {
  return (app.status?.sensors?.length ?? 0) > 1 || findings.some((f) => f.sensor !== findings[0]!.sensor);
}

/** true when nothing is configured and nothing is stored: show the first-run screen */
export function isFirstRun(s: EngineStatus | null): boolean {
  return !!s && s.zeekDir === null && (s.sensors?.length ?? 0) === 0 && !s.demo && s.events === 0 && s.pairs === 0;
}
