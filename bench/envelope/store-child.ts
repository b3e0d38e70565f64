// The envelope bench's second half, in a process of its own so its peak RSS is the engine's:
// on a store that `beaconwatch scan --db` filled with a site day, a full rescore through the
// engine API (statistics + CNN, as the hourly rescore runs), the UI's queries (listFindings,
// listDevices, getPair of the top finding: p95 of QUERY_RUNS calls each), then retention: the
// older half of the day pruned as the 7-day retention prunes a day that has aged out.
//   node --import tsx bench/envelope/store-child.ts DB_FILE
// Prints one JSON line (StoreFigures).
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Store } from '../../db/store.js';
import { createEngineHost } from '../../engine/service/create-host.js';

export interface StoreFigures {
  pairs: number;
  events: number;
  /** the file after ingest (WAL checkpointed): what a day's events cost on disk */
  fileBytes: number;
  /** the file after the rescore wrote scores and history */
  rescoredFileBytes: number;
  rescoreS: number;
  rescoredPairs: number;
  p95Ms: { listFindings: number; listDevices: number; getPair: number };
  /** after pruning the older half of the day: pages in use, and the file (freed pages are reused, not returned) */
  prunedEvents: number;
  pruneS: number;
  afterPruneInUseBytes: number;
  afterPruneFileBytes: number;
  maxRssKb: number;
}

const QUERY_RUNS = 20;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return p95(times);
}

function checkpointed(file: string): { pairs: number; events: number; fileBytes: number } {
  const store = Store.open(file);
  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    return { pairs: store.pairs.counts().pairs, events: store.pairs.storedEventCount(), fileBytes: statSync(file).size };
  } finally {
    store.close();
  }
}

async function main(dbFile: string): Promise<StoreFigures> {
  const before = checkpointed(dbFile);
  const host = await createEngineHost({ dbFile, mode: 'serve', zeekDir: null, log: () => {} });
  let rescoreS: number;
  let rescoredPairs: number;
  let p: StoreFigures['p95Ms'];
  try {
    const t = performance.now();
    const run = await host.api.rescoreNow({});
    rescoreS = (performance.now() - t) / 1000;
    rescoredPairs = run.pairs;
    const top = (await host.api.listFindings({ limit: 1, includeBelowThreshold: true })).findings[0]?.pairId;
    p = {
      listFindings: await timed(() => host.api.listFindings({})),
      listDevices: await timed(() => host.api.listDevices({})),
      getPair: top === undefined ? NaN : await timed(() => host.api.getPair({ pairId: top })),
    };
  } finally {
    await host.stop();
  }
  const rescoredFileBytes = checkpointed(dbFile).fileBytes;
  const store = Store.open(dbFile);
  try {
    const first = store.pairs.firstEventTime() ?? 0;
    const last = store.pairs.latestEventTime() ?? 0;
    const t = performance.now();
    const prunedEvents = store.pairs.pruneEvents((first + last) / 2);
    const pruneS = (performance.now() - t) / 1000;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const free = store.db.pragma('freelist_count', { simple: true }) as number;
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    return {
      ...before,
      rescoredFileBytes,
      rescoreS,
      rescoredPairs,
      p95Ms: p,
      prunedEvents,
      pruneS,
      afterPruneInUseBytes: store.sizeBytes() - free * pageSize,
      afterPruneFileBytes: statSync(dbFile).size,
      maxRssKb: process.resourceUsage().maxRSS,
    };
  } finally {
    store.close();
  }
}

const db = process.argv[2];
if (!db) {
  console.error('usage: store-child.ts DB_FILE');
  process.exit(2);
}
console.log(JSON.stringify(await main(db)));
