// Scan, end to end: `beaconwatch scan --json --all` as a user runs it (the built CLI, timed from
// outside with GNU time's peak RSS), against awk counting records per destination in the same round.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, median, runAwkCount } from './bench-util.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'beaconwatch.js');
const TIME = '/usr/bin/time';

/** `beaconwatch scan --json --all TARGET > /dev/null` as a user runs it; peak RSS via GNU time. */
function runScan(target: string): { s: number; rssMb: number | null } {
  const hasTime = existsSync(TIME);
  const argv = [process.execPath, BIN, 'scan', '--json', '--all', target];
  const t0 = performance.now();
  const r = hasTime
    ? spawnSync(TIME, ['-f', 'maxrss-kb %M', ...argv], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`scan failed: ${r.stderr}`);
  const m = /maxrss-kb (\d+)/.exec(r.stderr ?? '');
  return { s, rssMb: m ? Number(m[1]) / 1024 : null };
}

export interface ScanFigures {
  name: string;
  files: number;
  bytes: number;
  awkS: number;
  scanS: number;
  ratio: number;
  rssMb: number | null;
}

export function benchScan(name: string, target: string, files: string[], rounds: number): ScanFigures {
  const awk: number[] = [];
  const runs: ReturnType<typeof runScan>[] = [];
  for (let r = 0; r < rounds; r++) {
    awk.push(runAwkCount(files));
    runs.push(runScan(target));
    log(
      `  scan ${name} round ${r + 1}: awk ${awk.at(-1)!.toFixed(2)} s, scan ${runs.at(-1)!.s.toFixed(2)} s, peak RSS ${runs.at(-1)!.rssMb?.toFixed(0) ?? '?'} MB`,
    );
  }
  const rss = runs.map((x) => x.rssMb).filter((x): x is number => x !== null);
  return {
    name,
    files: files.length,
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
    awkS: median(awk),
    scanS: median(runs.map((x) => x.s)),
    ratio: median(runs.map((x, i) => awk[i]! / x.s)),
    rssMb: rss.length ? Math.max(...rss) : null,
  };
}
