// The site contract (db/site/site-store.ts) over the existing SQLite stores, one per sensor: an
// append is one IngestStore transaction (events and position together), the reads are PairStore's.
// Synchronous underneath; the promises only give it the contract's shape.
import type { Store } from '../store.js';
import type { CommitBatch, IngestStore } from '../ingest-store.js';
import type { PairEvent } from '../../engine/contract/types.js';
import type { AppendResult, FilePosition, SiteBatch, SitePair, SitePairKey, SiteSeries, SiteStore } from './site-store.js';
import { resumePlan } from './resume-plan.js';
import { checkSensorName } from './sensor-name.js';

/** the ingest's batch as this store uses it: events added, then committed */
type EventsToCommit = CommitBatch & { add(events: readonly PairEvent[]): void };

const KINDS = ['conn', 'dns', 'http', 'ssl', 'dhcp'];

export class SqliteSiteStore implements SiteStore {
  readonly kind = 'sqlite';
  private readonly stores = new Map<string, Store>();

  /**
   * `openSensor` opens (creating) a sensor's store (db/site/sqlite-sensor-files.ts); `newBatch` is
   * the ingest's batch (engine/ingest/event-batch.ts's EventBatch, read through the contract's
   * IngestBatch), given by the caller.
   */
  constructor(
    private readonly openSensor: (sensor: string) => Store,
    private readonly newBatch: (ingest: IngestStore) => EventsToCommit,
  ) {}

  async open(): Promise<void> {}

  async append(batch: SiteBatch): Promise<AppendResult> {
    const store = this.store(batch.sensor);
    const p = batch.position;
    const stored = store.ingest.getFile(p.fingerprint);
    const plan = resumePlan(batch, stored?.events ?? 0);
    const fresh = batch.events.slice(plan.skip);
    // a re-sent batch wholly stored: the stored position already covers it (completion included)
    if (fresh.length === 0 && stored && stored.offset >= p.offset && (stored.complete || !p.complete)) return { stored: 0, skipped: plan.skip };
    const progress = {
      fingerprint: p.fingerprint,
      kind: p.kind,
      path: p.path,
      offset: p.offset,
      lines: 0,
      events: fresh.length,
      complete: p.complete,
    };
    if (fresh.length === 0) store.ingest.commitPosition(progress);
    else {
      const events = this.newBatch(store.ingest);
      events.add(fresh);
      store.ingest.commitBatch(events, progress);
    }
    return { stored: fresh.length, skipped: plan.skip };
  }

  async listPairs(sensor: string): Promise<SitePair[]> {
    const rows = this.store(sensor).pairs.listPairs();
    const out = rows.map((r) => ({
      source: r.source,
      variant: r.variant,
      src: r.src,
      dst: r.dst,
      direction: r.direction,
      events: r.eventCount,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
    }));
    const key = (p: SitePair): string[] => [p.source, p.variant ?? '', p.src, p.dst];
    return out.sort((a, b) => compareKeys(key(a), key(b)));
  }

  async series(pair: SitePairKey, from: number, to: number): Promise<SiteSeries> {
    const store = this.store(pair.sensor);
    const id = store.ingest.storedPairId(pair.source, pair.variant ?? '', pair.src, pair.dst);
    if (id === undefined) return { ts: new Float64Array(0), bytes: new Float64Array(0) };
    return store.pairs.events(id, from, to);
  }

  async positions(sensor: string): Promise<FilePosition[]> {
    const store = this.store(sensor);
    const out: FilePosition[] = [];
    for (const f of store.logFiles.list(KINDS)) {
      const r = store.ingest.getFile(f.fingerprint);
      if (r) out.push({ fingerprint: r.fingerprint, kind: r.kind, path: r.path, offset: r.offset, events: r.events, complete: r.complete });
    }
    return out.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  }

  async sizeBytes(): Promise<number> {
    let n = 0;
    for (const s of this.stores.values()) n += s.sizeBytes();
    return n;
  }

  async close(): Promise<void> {
    for (const s of this.stores.values()) s.close();
    this.stores.clear();
  }

  private store(sensor: string): Store {
    let s = this.stores.get(sensor);
    if (!s) {
      checkSensorName(sensor);
      this.stores.set(sensor, (s = this.openSensor(sensor)));
    }
    return s;
  }
}

/** byte-wise order of the key parts, as ClickHouse's ORDER BY on String */
function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = Buffer.compare(Buffer.from(a[i]!), Buffer.from(b[i]!));
    if (c !== 0) return c;
  }
  return 0;
}
