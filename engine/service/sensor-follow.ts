// One followed sensor: its Zeek log folder, the tailer reading it into the store under the
// sensor's name, and what the folder holds (LogDirWatch). The runtime keeps one per sensor, so a
// folder that is missing or unreadable is that sensor's error, never the whole app's.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Store } from '../../db/store.js';
import type { LogDirState } from '../contract/api.js';
import type { SensorSpec } from '../contract/sensors.js';
import { PairExtractor } from '../pairs/extract.js';
import { LocalNetworks } from '../pairs/local-networks.js';
import { ZeekTailer, type BackfillProgress } from '../tail/tailer.js';
import type { LogProblem } from '../zeek/reader.js';
import { LogDirWatch } from './log-dir-watch.js';

export interface SensorFollowOptions {
  store: Store;
  localNetworks: readonly string[];
  backfillS: number;
  historicS: number;
  /** demo data: the folder is not looked at */
  demo: boolean;
  /** `file` null: the folder itself */
  onProblem: (file: string | null, problem: string, transient: boolean, warning?: { rows: number }) => void;
  onResolved: (file: string) => void;
  onIngest: (events: number) => void;
  onBackfill: (p: BackfillProgress) => void;
}

export class SensorFollow {
  tailer: ZeekTailer | null = null;
  readonly logDir = new LogDirWatch();

  constructor(
    readonly sensor: SensorSpec,
    private readonly opts: SensorFollowOptions,
  ) {}

  get name(): string {
    return this.sensor.name;
  }

  get dir(): string {
    return this.sensor.dir;
  }

  /** Backfill and follow the folder; a missing folder is reported and left alone. */
  async start(): Promise<void> {
    const { dir } = this.sensor;
    const o = this.opts;
    this.logDir.reset();
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      this.logDir.missing(dir);
      o.onProblem(dir, 'the Zeek log directory does not exist (check Settings)', false);
      return;
    }
    // before a byte is read: the first status says what the folder holds (an empty or
    // unreadable folder is an error from the start, never a quiet "nothing found")
    if (!o.demo) await this.logDir.refresh(dir);
    const tailer = new ZeekTailer({
      dir,
      // pairs and device names carry the sensor: the same address on two sensors is two devices
      store: o.store.ingestFor(this.sensor.name),
      // one extractor per sensor: its conn fast path caches pairs of its own folder only
      extractor: new PairExtractor(new LocalNetworks(o.localNetworks)),
      backfillS: o.backfillS,
      historicS: o.historicS,
      onProblem: (p: LogProblem) => o.onProblem(p.file, p.problem, false, p.level === 'warning' ? { rows: p.rows ?? 0 } : undefined),
      onTransient: (p: LogProblem) => o.onProblem(p.file, p.problem, true),
      onResolved: (file) => o.onResolved(file),
      onIngest: (n) => {
        if (n > 0) this.logDir.ingested(Date.now() / 1000);
        o.onIngest(n);
      },
      onBackfill: (p) => o.onBackfill(p),
    });
    this.tailer = tailer;
    try {
      await tailer.start();
    } catch (err) {
      o.onProblem(dir, (err as Error).message, false);
    }
    await this.refresh();
  }

  refresh(): Promise<void> {
    return this.logDir.refresh(this.opts.demo ? null : this.sensor.dir);
  }

  settled(): Promise<void> {
    return this.logDir.settled(this.opts.demo ? null : this.sensor.dir);
  }

  state(nowS: number): LogDirState | null {
    return this.opts.demo ? null : this.logDir.state(this.sensor.dir, nowS);
  }

  /** the file is in this sensor's folder */
  holds(file: string): boolean {
    const rel = relative(this.sensor.dir, file);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  async stop(): Promise<void> {
    const t = this.tailer;
    this.tailer = null;
    await t?.stop();
  }
}
