// How long the hosting thread (Electron main: windows, tray, IPC) waits while the engine works:
// its event-loop delay (p99, max) during a backfill of ROWS records and the first rescore, a full
// rescore, and steady live ingest with the overview reloading every second (listFindings,
// listDevices, getStatus, and getPair of the top finding, as an open finding page does: their p95
// latency too); then the same reload right after an allow-list edit (5 times: what a change
// costs, the findings built again), and every finding listed (the list's 'seen' state, 10,000 at
// most) each second for 5 s, crossing to the hosting thread as the tree's UI reads it (in pages
// of 250 where listFindings takes an offset, else in one answer). Run once with the engine in-process (createEngineHost, as Electron main hosted
// it before) and once on a worker thread (createEngineHostInThread, as it hosts it now). Goal:
// max < 50 ms on the hosting thread. `hosts`: another tree's hosts (compare-responsiveness.ts).
//   BENCH_ONLY=responsiveness  BENCH_ROWS=1000000
import { appendFileSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { EngineHost, EngineHostOptions } from '../engine/contract/host.js';
import { createEngineHost } from '../engine/service/create-host.js';
import { createEngineHostInThread } from '../engine/service/thread-host.js';
import { connHeader, connRows, writeConnLog } from '../tests/support/gen-conn-log.js';
import { fmt, log } from './bench-util.js';
import { listFindingsPaged } from '../renderer/src/lib/paged-list.js';

export interface PhaseFigures {
  phase: string;
  seconds: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** UI queries during the phase: p95 ms (the phases that ask) */
  queryP95Ms: number | null;
}
export interface ResponsivenessFigures {
  host: string;
  rows: number;
  phases: PhaseFigures[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;

async function phase(name: string, run: () => Promise<number[] | void>): Promise<PhaseFigures> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const queries = await run();
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  return { phase: name, seconds, loopP99Ms: h.percentile(99) / 1e6, loopMaxMs: h.max / 1e6, queryP95Ms: queries ? p95(queries) : null };
}

export interface BenchHosts {
  createEngineHost: (opts: EngineHostOptions) => Promise<EngineHost>;
  createEngineHostInThread: (opts: EngineHostOptions) => Promise<EngineHost>;
  /** the tree's listFindings takes an offset, and its UI reads long lists in pages (paged-list.ts) */
  pages: boolean;
}

/** the overview's reload with a finding's page open: what the bench times as one UI query */
const reload = (host: EngineHost, pairId: number | undefined) =>
  Promise.all([
    host.api.listFindings({}),
    host.api.listDevices({}),
    host.api.getStatus({}),
    ...(pairId === undefined ? [] : [host.api.getPair({ pairId })]),
  ]);
const EVERY_FINDING = { includeAllowlisted: true, includeDismissed: true, includeInbound: true, includeBelowThreshold: true, limit: 10000 };

export async function benchResponsiveness(
  work: string,
  rows: number,
  inThread: boolean,
  hosts: BenchHosts = { createEngineHost, createEngineHostInThread, pages: true },
): Promise<ResponsivenessFigures> {
  const dir = join(work, `resp-${inThread ? 'thread' : 'main'}`);
  const logs = join(dir, 'logs');
  mkdirSync(join(logs, 'current'), { recursive: true });
  const nowS = Math.floor(Date.now() / 1000);
  // a day of history in one archive, read by the backfill; live rows are appended to current/
  const archive = join(logs, 'conn.00:00:00-23:00:00.log');
  writeConnLog(archive, {
    rows,
    seed: 7,
    pairs: 3000,
    startTs: nowS - 86_000,
    spanS: 85_000,
    open: new Date((nowS - 86_100) * 1000).toISOString().slice(0, 19).replace(/[T:]/g, '-'),
    close: true,
  });
  utimesSync(archive, nowS - 600, nowS - 600);
  const live = join(logs, 'current', 'conn.log');
  appendFileSync(live, connHeader(new Date((nowS - 60) * 1000).toISOString().slice(0, 19).replace(/[T:]/g, '-')));
  const opts: EngineHostOptions = { dbFile: join(dir, 'bw.sqlite'), mode: 'desktop', zeekDir: logs, log: () => {} };
  const host: EngineHost = inThread ? await hosts.createEngineHostInThread(opts) : await hosts.createEngineHost(opts);
  const phases: PhaseFigures[] = [];
  try {
    phases.push(await phase(`backfill ${fmt(rows)} records + first rescore`, () => host.start()));
    phases.push(await phase('full rescore', async () => void (await host.api.rescoreNow({}))));
    const top = (await host.api.listFindings({ ...EVERY_FINDING, limit: 1 })).findings[0]?.pairId;
    // every finding, as the tree's UI reads them: in pages where it can, else in one answer
    const listEvery = () => (hosts.pages ? listFindingsPaged((q) => host.api.listFindings(q), EVERY_FINDING) : host.api.listFindings(EVERY_FINDING));
    phases.push(
      await phase('steady ingest, overview reloading (10 s)', async () => {
        const times: number[] = [];
        let seed = 100;
        for (let s = 0; s < 10; s++) {
          appendFileSync(
            live,
            connRows({ rows: 2000, seed: seed++, pairs: 3000, startTs: Math.floor(Date.now() / 1000) - 1, spanS: 1, open: String(seed) }),
          );
          const t = performance.now();
          await reload(host, top);
          times.push(performance.now() - t);
          await sleep(Math.max(0, 1000 - (performance.now() - t)));
        }
        return times;
      }),
    );
    phases.push(
      await phase('overview reloaded after an allow-list edit (5 ×)', async () => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const { id } = await host.api.addAllowRule({ dst: `203.0.113.${i + 1}`, note: 'bench' });
          const t = performance.now();
          await reload(host, top);
          times.push(performance.now() - t);
          await host.api.removeAllowRule({ id });
          await sleep(500);
        }
        return times;
      }),
    );
    phases.push(
      await phase('every finding listed each second (5 s)', async () => {
        const times: number[] = [];
        for (let s = 0; s < 5; s++) {
          const t = performance.now();
          await listEvery();
          times.push(performance.now() - t);
          await sleep(Math.max(0, 1000 - (performance.now() - t)));
        }
        return times;
      }),
    );
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const figures = { host: inThread ? 'worker thread' : 'in-process (main thread)', rows, phases };
  for (const p of phases)
    log(`  ${figures.host}: ${p.phase}: ${p.seconds.toFixed(1)} s, loop p99 ${p.loopP99Ms.toFixed(1)} ms, max ${p.loopMaxMs.toFixed(1)} ms`);
  return figures;
}

export function responsivenessTable(all: readonly ResponsivenessFigures[]): string {
  return [
    '| engine host | phase | seconds | hosting thread loop delay p99 ms | max ms | UI queries p95 ms |',
    '|---|---|---:|---:|---:|---:|',
    ...all.flatMap((f) =>
      f.phases.map(
        (p) =>
          `| ${f.host} | ${p.phase} | ${p.seconds.toFixed(1)} | ${p.loopP99Ms.toFixed(1)} | ${p.loopMaxMs.toFixed(1)} | ${p.queryP95Ms === null ? '-' : p.queryP95Ms.toFixed(0)} |`,
      ),
    ),
  ].join('\n');
}
