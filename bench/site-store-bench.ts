// `BENCH_ONLY=clickhouse npm run bench`: a generated site day (tests/support/gen-conn-log.ts)
// appended to both site stores side by side (db/site/: SQLite, one file per sensor, and ClickHouse
// on a clickhouse-server started here, or the one CLICKHOUSE_URL names), through the same reader
// (engine/site/append-log.ts): events/s, store size, and the latency of per-pair series queries
// (p50/p95 over BENCH_SERIES_QUERIES pairs). Skips, saying why, when clickhouse-server is absent.
//   BENCH_SITE_ROWS=1000000  BENCH_SITE_PAIRS=20000  BENCH_SERIES_QUERIES=300  BENCH_SITE_BATCH=20000
import { join } from 'node:path';
import type { AppendResult, FilePosition, SiteBatch, SitePair, SiteSeries, SiteStore } from '../db/site/site-store.js';
import { parseClickHouseUrl } from '../db/site/clickhouse-sql.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { DEFAULT_SETTINGS } from '../engine/service/default-settings.js';
import { appendLogToSite } from '../engine/site/append-log.js';
import { findClickHouseServer, startClickHouse, type ClickHouseServer } from '../tests/support/clickhouse-server.js';
import { writeConnLog } from '../tests/support/gen-conn-log.js';
import { clickhouseSite, sqliteSite } from '../tests/support/site-stores.js';
import { fmt, log } from './bench-util.js';

const ROWS = Number(process.env.BENCH_SITE_ROWS ?? 1_000_000);
const PAIRS = Number(process.env.BENCH_SITE_PAIRS ?? 20_000);
const QUERIES = Number(process.env.BENCH_SERIES_QUERIES ?? 300);
const BATCH = Number(process.env.BENCH_SITE_BATCH ?? 20_000);

interface SiteFigures {
  store: string;
  events: number;
  seconds: number;
  bytes: number;
  p50: number;
  p95: number;
}

/** The table, or the reason it was not measured. */
export async function benchSiteStores(work: string): Promise<string> {
  const external = process.env.CLICKHOUSE_URL;
  const found = findClickHouseServer();
  if (!external && !found.binary) return `clickhouse: not measured: ${found.reason}`;
  const file = join(work, 'conn.00:00:00-23:59:59.log');
  writeConnLog(file, { rows: ROWS, pairs: PAIRS, seed: 27, close: true });
  log(`clickhouse: ${fmt(ROWS)} conn rows, ${fmt(PAIRS)} pairs, batches of ${fmt(BATCH)} lines`);
  const server: ClickHouseServer | null = external ? null : await startClickHouse(found.binary!);
  const sqlite = await sqliteSite();
  const url = external ? parseClickHouseUrl(external).url : server!.url;
  const ch = (await clickhouseSite(url, `bw_bench_${process.pid}`)).store;
  try {
    // the reader alone (parse, extract, batches) first: what both stores' rows share
    const figures = [await measure(new ReadOnlySite(), file), await measure(sqlite.store, file), await measure(ch, file)];
    const lines = [
      `site day: ${fmt(ROWS)} conn rows, ${fmt(PAIRS)} pairs, one sensor; series latency over ${QUERIES} pairs`,
      '| store | events/s | append time | store size | bytes/event | series p50 | series p95 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...figures.map((f) =>
        f.bytes === 0 && f.p50 === 0
          ? `| ${f.store} | ${fmt(f.events / f.seconds)} | ${fmt(f.seconds, 1)} s | – | – | – | – |`
          : `| ${f.store} | ${fmt(f.events / f.seconds)} | ${fmt(f.seconds, 1)} s | ${fmt(f.bytes / 1e6, 1)} MB | ${fmt(f.bytes / f.events, 1)} | ${fmt(f.p50, 1)} ms | ${fmt(f.p95, 1)} ms |`,
      ),
    ];
    return lines.join('\n');
  } finally {
    await ch.close();
    await sqlite.dispose();
    await server?.stop();
  }
}

/** Takes every append and keeps nothing: the cost of reading the log. */
class ReadOnlySite implements SiteStore {
  readonly kind = 'read only (no store)';
  private n = 0;
  async open(): Promise<void> {}
  async append(b: SiteBatch): Promise<AppendResult> {
    this.n += b.events.length;
    return { stored: b.events.length, skipped: 0 };
  }
  async listPairs(): Promise<SitePair[]> {
    return [];
  }
  async series(): Promise<SiteSeries> {
    return { ts: new Float64Array(0), bytes: new Float64Array(0) };
  }
  async positions(): Promise<FilePosition[]> {
    return [];
  }
  async sizeBytes(): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}
}

async function measure(store: SiteStore, file: string): Promise<SiteFigures> {
  const extractor = new PairExtractor(new LocalNetworks(DEFAULT_SETTINGS.localNetworks));
  const t0 = performance.now();
  const r = await appendLogToSite(store, file, { sensor: 'site', extractor, batchLines: BATCH });
  const seconds = (performance.now() - t0) / 1000;
  log(`clickhouse: ${store.kind}: ${fmt(r.stored)} events in ${fmt(seconds, 1)} s`);
  const pairs = await store.listPairs('site');
  const step = Math.max(1, Math.floor(pairs.length / QUERIES));
  const times: number[] = [];
  for (let i = 0; i < pairs.length && times.length < QUERIES; i += step) {
    const p = pairs[i]!;
    const q0 = performance.now();
    await store.series({ sensor: 'site', source: p.source, variant: p.variant, src: p.src, dst: p.dst }, -Infinity, Infinity);
    times.push(performance.now() - q0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { store: store.kind, events: r.stored, seconds, bytes: await store.sizeBytes(), p50: at(0.5), p95: at(0.95) };
}
