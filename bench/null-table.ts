// Precomputes the random-arrival null of the timer tests (engine/score/timer-tests.ts) and writes
// engine/score/null-table.ts, so a rescore never pauses to simulate it (it did, for ~1.6 s on the
// first 10,000 pairs). Seeded: the same table on every run.
//   node --import tsx bench/null-table.ts [--simulations 4000]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gridPoints, simulate, type IntervalStatistic } from '../engine/score/null-model.js';
import { BACKOFF_SEED, REGULARITY_SEED, backoffStatistic, regularityStatistic } from '../engine/score/timer-tests.js';

const { values: args } = parseArgs({ options: { simulations: { type: 'string', default: '4000' } } });
const sims = Number(args.simulations);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const table = (stat: IntervalStatistic, seed: number) =>
  gridPoints()
    .map((m) => {
      const { mean, sd } = simulate(stat, m, seed + m, sims);
      return `[${m}, ${mean.toPrecision(6)}, ${sd.toPrecision(6)}]`;
    })
    .join(', ');
const reg = table(regularityStatistic, REGULARITY_SEED);
const bo = table(backoffStatistic, BACKOFF_SEED);
writeFileSync(
  path.join(root, 'engine', 'score', 'null-table.ts'),
  `// Written by \`node --import tsx bench/null-table.ts --simulations ${sims}\`: do not edit by hand.
// [intervals, mean, sd] of each statistic under Poisson arrivals (exponential spacings).
import type { NullTable } from './null-model.js';

export const REGULARITY_NULL: NullTable = [${reg}];
export const BACKOFF_NULL: NullTable = [${bo}];
`,
);
process.stderr.write(`null table: ${gridPoints().length} counts × ${sims} simulations in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
