// The responsiveness bench (responsiveness-bench.ts) for two trees side by side: the same
// workload (this tree's bench and generated logs), the engine hosts of each tree, on a worker
// thread, rounds alternating which tree goes first, each run in a process of its own. Prints
// each phase's figures per tree (median over the rounds, and the worst max) and after ÷ before.
//   git archive BASE | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/
//   node --import tsx bench/compare-responsiveness.ts /tmp/before . [--rounds 3] [--rows 1000000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './bench-util.js';
import type { BenchHosts, PhaseFigures, ResponsivenessFigures } from './responsiveness-bench.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, rows: { type: 'string', default: '1000000' }, child: { type: 'boolean', default: false } },
});

async function child(root: string, rows: number): Promise<void> {
  const mod = (p: string) => import(pathToFileURL(join(root, p)).href);
  const hosts: BenchHosts = {
    createEngineHost: (await mod('engine/service/create-host.ts')).createEngineHost,
    createEngineHostInThread: (await mod('engine/service/thread-host.ts')).createEngineHostInThread,
    // a tree whose contract has listFindings' offset reads long lists in pages, as its UI does
    pages: 'offset' in (await mod('engine/contract/api.ts')).apiArgs.listFindings.shape,
  };
  const { benchResponsiveness } = await import('./responsiveness-bench.js');
  const work = mkdtempSync(join(tmpdir(), 'beaconwatch-resp-'));
  try {
    process.stdout.write(JSON.stringify(await benchResponsiveness(work, rows, true, hosts)) + '\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function table(runs: Record<'before' | 'after', ResponsivenessFigures[]>): string {
  const phases = runs.after[0]!.phases.map((p) => p.phase);
  const of = (side: 'before' | 'after', i: number) => runs[side].map((r) => r.phases[i]!);
  const stat = (ps: PhaseFigures[]) => ({
    p99: median(ps.map((p) => p.loopP99Ms)),
    max: median(ps.map((p) => p.loopMaxMs)),
    worst: Math.max(...ps.map((p) => p.loopMaxMs)),
    q: ps[0]!.queryP95Ms === null ? null : median(ps.map((p) => p.queryP95Ms!)),
  });
  const f = (n: number | null) => (n === null ? '-' : n.toFixed(n < 100 ? 1 : 0));
  const r = (a: number | null, b: number | null) => (a === null || b === null ? '-' : (a / b).toFixed(2));
  const lines = [
    '| phase | loop p99 ms, before → after | max ms (median), before → after | worst max ms | UI queries p95 ms, before → after | after ÷ before: p99, max, queries |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  phases.forEach((name, i) => {
    const b = stat(of('before', i));
    const a = stat(of('after', i));
    lines.push(
      `| ${name} | ${f(b.p99)} → ${f(a.p99)} | ${f(b.max)} → ${f(a.max)} | ${f(b.worst)} → ${f(a.worst)} | ${f(b.q)} → ${f(a.q)} | ${r(a.p99, b.p99)}, ${r(a.max, b.max)}, ${r(a.q, b.q)} |`,
    );
  });
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows = Number(values.rows);
  if (values.child) return child(resolve(positionals[0]!), rows);
  const [before, after] = positionals.map((p) => resolve(p));
  if (!before || !after) {
    process.stderr.write('usage: compare-responsiveness.ts BEFORE_ROOT AFTER_ROOT [--rounds N] [--rows N]\n');
    process.exit(2);
  }
  const runs: Record<'before' | 'after', ResponsivenessFigures[]> = { before: [], after: [] };
  const self = fileURLToPath(import.meta.url);
  for (let round = 0; round < Number(values.rounds); round++) {
    const order = round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const);
    for (const side of order) {
      const root = side === 'before' ? before : after;
      const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', root, '--rows', String(rows)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`${side} run failed (exit ${r.status})`);
      const figures = JSON.parse(r.stdout.trim().split('\n').pop()!) as ResponsivenessFigures;
      runs[side].push(figures);
      process.stderr.write(`round ${round + 1} ${side}: ${figures.phases.map((p) => `${p.loopMaxMs.toFixed(0)} ms`).join(', ')} (max per phase)\n`);
    }
  }
  console.log(table(runs));
}

await main();
