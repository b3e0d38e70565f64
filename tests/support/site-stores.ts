// The two site stores the contract tests and the bench run side by side: SQLite (one file per
// sensor under a temp folder) and ClickHouse (a fresh database on a server from clickhouse-server.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBatch } from '../../engine/ingest/event-batch.js';
import { ClickHouseSiteStore } from '../../db/site/clickhouse-store.js';
import { sensorStoreOpener } from '../../db/site/sqlite-sensor-files.js';
import { SqliteSiteStore } from '../../db/site/sqlite-site-store.js';
import type { SiteSeries, SiteStore } from '../../db/site/site-store.js';
import type { PairEvent } from '../../engine/contract/types.js';

let serial = 0;

/** A SQLite site store in a fresh temp folder; `dispose` closes it and deletes the folder. */
export async function sqliteSite(): Promise<{ store: SiteStore; dir: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bw-site-sqlite-'));
  const store = new SqliteSiteStore(sensorStoreOpener(dir), (ingest) => new EventBatch(ingest));
  await store.open();
  return { store, dir, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** A fresh database name on the server (each test its own). */
export function freshDatabase(): string {
  return `bw_test_${process.pid}_${++serial}`;
}

export async function clickhouseSite(
  url: string,
  database = freshDatabase(),
  opts: ConstructorParameters<typeof ClickHouseSiteStore>[1] = {},
): Promise<{ store: ClickHouseSiteStore; database: string }> {
  const store = new ClickHouseSiteStore({ url, database }, opts);
  await store.open();
  return { store, database };
}

/** A conn event (the fields the contract carries). */
export function connEvent(src: string, dst: string, ts: number, bytes = 100, extra: Partial<PairEvent> = {}): PairEvent {
  return { source: 'conn', variant: null, src, dst, direction: 'outbound', ts, bytes, port: 443, proto: 'tcp', service: 'ssl', ...extra };
}

/** A series as [ts, bytes] pairs sorted by (ts, bytes): equal times may come in either order. */
export function seriesPoints(s: SiteSeries): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < s.ts.length; i++) out.push([s.ts[i]!, s.bytes[i]!]);
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
