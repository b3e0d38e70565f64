// Compare two builds of `beaconwatch scan` side by side: same targets, alternating rounds, the
// outputs byte for byte, wall time, CPU (main thread and whole process) and peak RSS. For
// performance work whose output must not change:
//   cp -a dist /tmp/before/dist (plus bin/, scripts/, package.json, native-model/model and a
//   node_modules link) before the change, then after `npm run build`:
//   node --import tsx bench/compare-builds.ts /tmp/before . TARGET... [--rounds 3] [--args "--json --all"]
// The CPU split comes from a preload that reports the main thread's process.threadCpuUsage() at
// exit (worker threads, such as the CNN's, count in the process total only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './bench-util.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, args: { type: 'string', default: '--json --all' } },
});
const [before, after, ...targets] = positionals;
if (!before || !after || targets.length === 0) {
  process.stderr.write('usage: compare-builds.ts BEFORE_ROOT AFTER_ROOT TARGET... [--rounds N] [--args "scan flags"]\n');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'beaconwatch-compare-'));
const preload = join(work, 'cpu.mjs');
writeFileSync(
  preload,
  `import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
if (isMainThread) process.on('exit', () => { const t = process.threadCpuUsage(); const p = process.cpuUsage();
  appendFileSync(process.env.BW_CPU_OUT, JSON.stringify({ main: (t.user + t.system) / 1e6, total: (p.user + p.system) / 1e6 }) + '\\n'); });\n`,
);

interface Run {
  wallS: number;
  mainS: number;
  /** CPU of the whole process, all threads (the CNN worker's included) */
  totalS: number;
  rssMb: number;
  out: Buffer;
}

function run(root: string, target: string, tag: string): Run {
  const cpuOut = join(work, `${tag}.cpu`);
  rmSync(cpuOut, { force: true });
  const argv = [
    '-f',
    '%M',
    process.execPath,
    '--import',
    preload,
    join(resolve(root), 'bin', 'beaconwatch.js'),
    'scan',
    ...values.args.split(/\s+/).filter(Boolean),
    target,
  ];
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', argv, { env: { ...process.env, BW_CPU_OUT: cpuOut }, maxBuffer: 1 << 30 });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${root}: scan failed: ${r.stderr.toString()}`);
  // the first line is the process that scanned (a re-run for heap flags reports after it)
  const cpu = JSON.parse(readFileSync(cpuOut, 'utf8').split('\n')[0]!) as { main: number; total: number };
  const rssKb = Number(/(\d+)\s*$/.exec(r.stderr.toString())?.[1] ?? NaN);
  return { wallS, mainS: cpu.main, totalS: cpu.total, rssMb: rssKb / 1024, out: r.stdout };
}

try {
  for (const target of targets) {
    const ratios: number[] = [];
    const mains: [number, number][] = [];
    const totals: [number, number][] = [];
    const rss: [number, number][] = [];
    let same = true;
    for (let i = 0; i < Number(values.rounds); i++) {
      const b = run(before, target, 'before');
      const a = run(after, target, 'after');
      same &&= Buffer.compare(a.out, b.out) === 0;
      ratios.push(a.wallS / b.wallS);
      mains.push([b.mainS, a.mainS]);
      totals.push([b.totalS, a.totalS]);
      rss.push([b.rssMb, a.rssMb]);
      process.stderr.write(
        `  ${target} round ${i + 1}: wall ${b.wallS.toFixed(2)} → ${a.wallS.toFixed(2)} s, main thread CPU ${b.mainS.toFixed(2)} → ${a.mainS.toFixed(2)} s, process CPU ${b.totalS.toFixed(2)} → ${a.totalS.toFixed(2)} s, peak RSS ${b.rssMb.toFixed(0)} → ${a.rssMb.toFixed(0)} MB\n`,
      );
    }
    console.log(
      `${target}: output ${same ? 'identical' : 'DIFFERENT'}; wall after ÷ before ${median(ratios).toFixed(2)} (median); ` +
        `main-thread CPU ${median(mains.map((m) => m[0])).toFixed(2)} → ${median(mains.map((m) => m[1])).toFixed(2)} s; ` +
        `process CPU ${median(totals.map((m) => m[0])).toFixed(2)} → ${median(totals.map((m) => m[1])).toFixed(2)} s; ` +
        `peak RSS ${Math.max(...rss.map((r) => r[0])).toFixed(0)} → ${Math.max(...rss.map((r) => r[1])).toFixed(0)} MB`,
    );
    if (!same) process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
