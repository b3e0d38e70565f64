// One simulated home, end to end: build the home, run every benign habit, plant the C2 (unless
// clean), let the router forward, then write the zeekctl layout and labels.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBrowsing, buildWeb } from './browsing.js';
import { runOsServices } from './benign-os.js';
import { runHomeServices, runRouterDns } from './benign-home.js';
import { runC2 } from './c2.js';
import { buildHome, NameSpace } from './home-world.js';
import type { HomeLabels } from './labels.js';
import { Rng } from './prng.js';
import { DEFAULT_START, splitOf } from './seeds.js';
import type { SimContext } from './sim-context.js';
import { Traffic } from './traffic.js';
import { logFolders, writeZeekctlLayout } from './zeekctl-layout.js';
import type { LogKind, LogRecord } from './zeek-format.js';

export interface SimulateOptions {
  seed: number;
  days?: number;
  c2?: boolean;
  /** also plant a second copy of one implant on another device (c2.ts runC2) */
  copy?: boolean;
  start?: number;
}

export interface SimulatedHome {
  labels: HomeLabels;
  records: Record<LogKind, LogRecord[]>;
}

/** The capture ends 40 minutes into its last hour, so that hour is still a live file. */
export function simulateHome(opts: SimulateOptions): SimulatedHome {
  const days = opts.days ?? 3;
  const start = opts.start ?? DEFAULT_START;
  const end = start + days * 86400 - 1200;
  const root = new Rng(opts.seed * 2654435761);
  const home = buildHome(root.fork('home'), start, end);
  const names = new NameSpace();
  const tr = new Traffic(root.fork('traffic'), home, names);
  const ctx: SimContext = { tr, home, names, rng: root.fork('services'), start, end, benign: [] };
  runOsServices(ctx);
  runHomeServices(ctx);
  const web = buildWeb({ ...ctx, rng: root.fork('web') });
  runBrowsing({ ...ctx, rng: root.fork('browsing') }, web);
  // C2 runs after every benign habit and on its own streams, so `--no-c2` is the same home.
  let c2: HomeLabels['c2'] = [];
  if (opts.c2 !== false) {
    const c2Rng = root.fork('c2');
    tr.rng = c2Rng.fork('traffic');
    c2 = runC2({ ...ctx, rng: c2Rng }, web, { copy: opts.copy === true });
  }
  tr.rng = root.fork('router');
  runRouterDns(ctx);
  const labels: HomeLabels = {
    seed: opts.seed,
    split: splitOf(opts.seed),
    start,
    end,
    localNetworks: [`${home.lan}.0/24`],
    router: home.router,
    devices: home.devices.map((d) => ({ address: d.address, mac: d.mac, hostName: d.hostName, kind: d.kind })),
    benign: ctx.benign,
    c2,
  };
  return { labels, records: tr.records };
}

/** Simulate and write `outDir/logs`, `outDir/spool/zeek`, `outDir/labels.json`; returns the labels. */
export function generateHome(outDir: string, opts: SimulateOptions): { labels: HomeLabels; rows: number; folders: string[] } {
  const { labels, records } = simulateHome(opts);
  mkdirSync(outDir, { recursive: true });
  writeZeekctlLayout(outDir, records, labels.start, labels.end);
  writeFileSync(join(outDir, 'labels.json'), JSON.stringify(labels, null, 1) + '\n');
  const rows = Object.values(records).reduce((n, r) => n + r.length, 0);
  return { labels, rows, folders: logFolders(outDir, labels.start, labels.end) };
}
