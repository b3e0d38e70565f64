// The Store bundles the per-concern stores over one connection. Engine code receives a Store
// (or one of its parts); only db/ writes SQL.
import { openDatabase, type OpenOptions, type SqliteDatabase } from './open.js';
import { IngestStore } from './ingest-store.js';
import { PairStore } from './pair-store.js';
import { ScoreStore } from './score-store.js';
import { SettingsStore } from './settings-store.js';
import { DeviceStore } from './device-store.js';
import { NameEvidenceStore } from './name-evidence-store.js';
import { AllowRuleStore } from './allowlist-store.js';
import { LogFileStore } from './log-file-store.js';
import { ReviewStore } from './review-store.js';
import { IntelStore } from './intel-store.js';
import { TraitStore } from './trait-store.js';
import { CaseStore } from './case-store.js';

export class Store {
  readonly ingest: IngestStore;
  readonly pairs: PairStore;
  readonly scores: ScoreStore;
  readonly settings: SettingsStore;
  readonly devices: DeviceStore;
  /** DNS answers vs SNI/Host claims, resolvers, DHCP servers (engine/trust reads them) */
  readonly evidence: NameEvidenceStore;
  /** the owner's allow rules (engine/allowlist's Allowlist reads and writes them) */
  readonly allowlist: AllowRuleStore;
  /** the log files read so far (read-only; the finding page re-reads them for event details) */
  readonly logFiles: LogFileStore;
  /** the day-one review's decisions and completion time */
  readonly review: ReviewStore;
  /** threat-intel feeds (last good copies) and their schedule */
  readonly intel: IntelStore;
  /** per-pair bytes each way, durations and signatures (RITA's modifiers, long connections) */
  readonly traits: TraitStore;
  /** the owner's case per finding: status, tags, note */
  readonly cases: CaseStore;

  /** one writer per sensor (the default sensor's is `ingest`) */
  private readonly sensorIngest = new Map<string, IngestStore>();

  /** the ingest writer of a sensor: its pairs and devices carry that sensor */
  ingestFor(sensor: string): IngestStore {
    if (sensor === this.ingest.sensor) return this.ingest;
    let s = this.sensorIngest.get(sensor);
    if (!s) this.sensorIngest.set(sensor, (s = new IngestStore(this.db, sensor)));
    return s;
  }

  /** drop the per-sensor writers (their pair-id caches) after a sensor was renamed */
  forgetSensorWriters(): void {
    this.sensorIngest.clear();
  }

  private constructor(
    readonly db: SqliteDatabase,
    readonly file: string,
  ) {
    this.ingest = new IngestStore(db);
    this.pairs = new PairStore(db);
    this.scores = new ScoreStore(db);
    this.settings = new SettingsStore(db);
    this.devices = new DeviceStore(db);
    this.evidence = new NameEvidenceStore(db);
    this.allowlist = new AllowRuleStore(db);
    this.logFiles = new LogFileStore(db);
    this.review = new ReviewStore(db);
    this.intel = new IntelStore(db);
    this.traits = new TraitStore(db);
    this.cases = new CaseStore(db);
  }

  static open(file: string, opts: OpenOptions = {}): Store {
    return new Store(openDatabase(file, undefined, opts), file);
  }

  /** Bytes used by the database file (pages in use), for the benchmark and the status line. */
  sizeBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const size = this.db.pragma('page_size', { simple: true }) as number;
    return pages * size;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
