// What a process that hosts the engine (Electron main, `beaconwatch serve`) gets: the API
// implementation plus the events a shell needs for tray and notifications.
import type { BeaconwatchApi, EngineStatus, FindingView, ApiPush } from './api.js';

export interface EngineHostEvents {
  /** pairs that newly crossed the alert threshold, not allow-listed, never notified before */
  alerts: (findings: FindingView[]) => void;
  changed: (change: ApiPush['changed']) => void;
  status: (status: EngineStatus) => void;
}

export interface EngineHost {
  readonly api: BeaconwatchApi;
  on<E extends keyof EngineHostEvents>(event: E, listener: EngineHostEvents[E]): () => void;
  /** start following the configured Zeek directory and the rescore schedule */
  start(): Promise<void>;
  /** stop tailing and timers, close the store */
  stop(): Promise<void>;
}

export interface EngineHostOptions {
  /** SQLite file */
  dbFile: string;
  mode: 'desktop' | 'serve';
  /** overrides the stored setting when given */
  zeekDir?: string | null;
  /** overrides the stored sensors list when given: `name=DIR` each (engine/contract/sensors.ts) */
  sensors?: readonly string[];
  /** load the generated demo day instead of following a directory */
  demo?: boolean;
  /** the desktop shell provides a folder picker */
  pickDirectory?: () => Promise<string | null>;
  /** where the CNN model lives (packaged app: resources/model); default: native-model/model */
  modelDir?: string;
  log?: (line: string) => void;
}
