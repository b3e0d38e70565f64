// Precomputes the random-arrival null of the timer tests (engine/score/timer-tests.ts) and writes
// engine/score/null-table.ts, so a rescore never pauses to simulate it (it did, for ~1.6 s on the
// first 10,000 pairs). Seeded: the same table on every run.
//   node --import tsx bench/null-table.ts [--simulations 4000]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gridPoints, simulate, type IntervalStatistic } from '../engine/score/null-model.js';
import { simulateTail, TAIL_P } from '../engine/score/tail-null.js';
import {
  BACKOFF_SEED,
  LATTICE_SEED,
  REGULARITY_SEED,
  backoffStatistic,
  latticeStatistic,
  regularityStatistic,
  spreadStatistic,
} from '../engine/score/timer-tests.js';

const { values: args } = parseArgs({
  options: { simulations: { type: 'string', default: '4000' }, 'tail-simulations': { type: 'string', default: '20000' } },
});
const sims = Number(args.simulations);
const tailSims = Number(args['tail-simulations']);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const table = (stat: IntervalStatistic, seed: number) =>
  gridPoints()
    .map((m) => {
      const { mean, sd } = simulate(stat, m, seed + m, sims);
      return `[${m}, ${mean.toPrecision(6)}, ${sd.toPrecision(6)}]`;
    })
    .join(', ');
const spread = table(spreadStatistic, REGULARITY_SEED);
const tail = (stat: IntervalStatistic, seed: number) =>
  gridPoints()
    .map(
      (m) =>
        `[${m}, ${simulateTail(stat, m, seed + m, tailSims)
          .map((q) => q.toPrecision(6))
          .join(', ')}]`,
    )
    .join(', ');
const reg = tail(regularityStatistic, REGULARITY_SEED);
const lattice = tail(latticeStatistic, LATTICE_SEED);
const bo = table(backoffStatistic, BACKOFF_SEED);
writeFileSync(
  path.join(root, 'engine', 'score', 'null-table.ts'),
  `// Written by \`node --import tsx bench/null-table.ts --simulations ${sims} --tail-simulations ${tailSims}\`: do not edit by hand.
// Each statistic under Poisson arrivals (exponential spacings), by count of intervals.
import type { NullTable } from './null-model.js';
import type { TailTable } from './tail-null.js';

/** [intervals, quantiles at the upper-tail probabilities ${TAIL_P.join(', ')}] (tail-null.ts) */
export const REGULARITY_TAIL: TailTable = [${reg}];
/** the same quantiles of −ln(lattice spread) (lattice.ts) */
export const LATTICE_TAIL: TailTable = [${lattice}];
/** [intervals, mean, sd] of −MAD/median */
export const REGULARITY_NULL: NullTable = [${spread}];
/** [intervals, mean, sd] */
export const BACKOFF_NULL: NullTable = [${bo}];
`,
);
process.stderr.write(
  `null table: ${gridPoints().length} counts × ${tailSims} (regularity) and ${sims} (back-off) simulations in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
);
