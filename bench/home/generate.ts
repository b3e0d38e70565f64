// CLI: write one simulated home.
//   node --import tsx bench/home/generate.ts --seed S [--days 3] [--no-c2] --out DIR
import { parseArgs } from 'node:util';
import { generateHome } from './simulate.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    days: { type: 'string', default: '3' },
    'no-c2': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
if (!values.seed || !values.out) {
  console.error('usage: generate.ts --seed S [--days 3] [--no-c2] --out DIR');
  process.exit(2);
}
const began = Date.now();
const { labels, rows } = generateHome(values.out, { seed: Number(values.seed), days: Number(values.days), c2: !values['no-c2'] });
console.log(
  `seed ${labels.seed} (${labels.split}): ${labels.devices.length} devices, ${new Set(labels.benign.map((b) => b.kind)).size} benign kinds, ${labels.c2.length} C2, ${rows} rows in ${((Date.now() - began) / 1000).toFixed(1)} s -> ${values.out}`,
);
