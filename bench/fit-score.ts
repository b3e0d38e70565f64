// Fits the final score's calibration (engine/score/calibration.ts) and reports it.
//   node --import tsx bench/fit-score.ts [--train-seed 101 --test-seed 202 --train 6000 --test 3000 --no-cnn --no-write]
// Training series come from bench/score-series.ts with the fitting seed only; the held-out
// seed is never fitted on. Writes engine/score/calibration.ts and the calibration section of
// docs/model-card.md (between the calibration markers), and prints the same tables.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CNN_FEATURES, scoreFeatures, sigmoid, STATS_FEATURES } from '../engine/score/combine.js';
import { statsScorer } from '../engine/score/stats-scorer.js';
import type { ScorerOutput } from '../engine/contract/types.js';
import { loadBeaconClassifier } from '../native-model/classifier.js';
import { auc, ece, fitNonNegative, histogram, reliability } from './calibration-metrics.js';
import { DAY, END, makeSeries, type LabelledSeries } from './score-series.js';
import { toActivities } from '../engine/score/activities.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    'train-seed': { type: 'string', default: '101' },
    'test-seed': { type: 'string', default: '202' },
    train: { type: 'string', default: '6000' },
    test: { type: 'string', default: '3000' },
    lambda: { type: 'string', default: '1' },
    'no-cnn': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const log = (s: string) => process.stderr.write(s + '\n');
const started = performance.now();
const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const classifier = args['no-cnn'] ? null : await loadBeaconClassifier({ log });
const backend = classifier?.backend ?? 'none';

interface Scored {
  item: LabelledSeries;
  outputs: Map<string, ScorerOutput>;
}

async function score(items: LabelledSeries[]): Promise<Scored[]> {
  const stats = await statsScorer.scoreBatch(items.map((x) => x.series));
  const cnn = classifier ? await classifier.classify(items.map((x) => x.series.times)) : null;
  return items.map((item, i) => {
    const outputs = new Map<string, ScorerOutput>([['stats', stats[i]!]]);
    if (cnn) outputs.set('cnn', { score: cnn[i]!.beacon, values: { beacon: cnn[i]!.beacon, jitter: cnn[i]!.jitter } });
    return { item, outputs };
  });
}

const trainSeed = Number(args['train-seed']);
const testSeed = Number(args['test-seed']);
const train = await score(makeSeries(trainSeed, Number(args.train)));
const test = await score(makeSeries(testSeed, Number(args.test)));
log(`scored ${train.length} training and ${test.length} held-out series (${backend}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const lambda = Number(args.lambda);
const feats = (s: Scored, cnn: boolean) => {
  const f = scoreFeatures(s.outputs, s.item.series.times.length);
  return cnn ? f.withCnn : f.statsOnly;
};
const y = train.map((s) => s.item.label);
const statsOnly = {
  features: [...STATS_FEATURES],
  ...fitNonNegative(
    train.map((s) => feats(s, false)),
    y,
    lambda,
  ),
};
const withCnn = classifier
  ? {
      features: [...CNN_FEATURES],
      ...fitNonNegative(
        train.map((s) => feats(s, true)),
        y,
        lambda,
      ),
    }
  : { features: [...CNN_FEATURES], bias: statsOnly.bias, weights: [...statsOnly.weights, 0] };
const fitSeconds = (performance.now() - started) / 1000;

const predict = (s: Scored, cnn: boolean) => {
  const m = cnn ? withCnn : statsOnly;
  const x = feats(s, cnn);
  return sigmoid(m.weights.reduce((z, w, i) => z + w * x[i]!, m.bias));
};

/** A timer with a fixed period and ±0.2 s latency, `n` check-ins ending at the window's end. */
async function perfect(n: number, period: number): Promise<Scored> {
  const days = Math.max(1, Math.ceil((n * period) / DAY));
  const times = Array.from({ length: n }, (_, i) => END - (n - i) * period + ((i * 7919) % 400) / 1000 - 0.2);
  const series = toActivities(
    times,
    times.map(() => 500),
    1,
    END - days * DAY,
    END,
  );
  return (await score([{ kind: 'perfect', label: 1, series }]))[0]!;
}

const lines: string[] = [];
const out = (s = '') => lines.push(s);
for (const cnn of classifier ? [true, false] : [false]) {
  const name = cnn ? 'statistics + CNN (the app with its model)' : 'statistics only (no model)';
  out(`#### ${name}`);
  out();
  const tr = train.map((s) => predict(s, cnn));
  const te = test.map((s) => predict(s, cnn));
  const yte = test.map((s) => s.item.label);
  const binsTr = reliability(tr, y);
  const binsTe = reliability(te, yte);
  out('| set | series | ROC AUC | expected calibration error | negatives ≥ 0.8 | timers ≥ 0.8 |');
  out('|---|---:|---:|---:|---:|---:|');
  for (const [set, p, l] of [
    [`train (seed ${trainSeed})`, tr, y],
    [`held-out (seed ${testSeed})`, te, yte],
  ] as const) {
    const neg = p.filter((_, i) => !l[i]);
    const pos = p.filter((_, i) => l[i]);
    out(
      `| ${set} | ${p.length} | ${f3(auc(p, l))} | ${f3(ece(reliability(p, l)))} | ${pct(neg.filter((v) => v >= 0.8).length / neg.length)} | ${pct(pos.filter((v) => v >= 0.8).length / pos.length)} |`,
    );
  }
  out();
  out('Reliability (held-out; train in brackets): mean predicted vs observed share of timers per bin.');
  out();
  out('| predicted | series | mean predicted | observed |');
  out('|---|---:|---:|---:|');
  binsTe.forEach((b, i) => {
    const t = binsTr[i]!;
    out(
      `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} (${t.count}) | ${b.count ? f3(b.meanPredicted) : '-'} (${t.count ? f3(t.meanPredicted) : '-'}) | ${b.count ? f3(b.observed) : '-'} (${t.count ? f3(t.observed) : '-'}) |`,
    );
  });
  out();
  const negTe = te.filter((_, i) => !yte[i]);
  out(`Score histogram of the held-out negatives (${negTe.length}):`);
  out();
  out(
    '| score | ' +
      histogram(negTe)
        .map((_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`)
        .join(' | ') +
      ' |',
  );
  out(
    '|---|' +
      histogram(negTe)
        .map(() => '---:')
        .join('|') +
      '|',
  );
  out('| negatives | ' + histogram(negTe).join(' | ') + ' |');
  out();
  out('By kind (held-out): mean score and share ≥ 0.8.');
  out();
  out('| kind | label | series | mean | ≥ 0.8 |');
  out('|---|---|---:|---:|---:|');
  const kinds = [...new Set(test.map((s) => `${s.item.label}:${s.item.kind}`))].sort().reverse();
  for (const k of kinds) {
    const ps = te.filter((_, i) => `${test[i]!.item.label}:${test[i]!.item.kind}` === k);
    const [label, kind] = k.split(':');
    out(
      `| ${kind} | ${label === '1' ? 'timer' : 'not'} | ${ps.length} | ${f3(ps.reduce((a, b) => a + b, 0) / ps.length)} | ${pct(ps.filter((v) => v >= 0.8).length / ps.length)} |`,
    );
  }
  const short = te.filter((_, i) => !yte[i] && test[i]!.item.series.times.length < 10);
  out();
  out(
    `Random/negative series with 4–9 activities (held-out, ${short.length}): max ${f3(Math.max(...short))}, mean ${f3(short.reduce((a, b) => a + b, 0) / short.length)}, ≥ 0.8: ${short.filter((v) => v >= 0.8).length}.`,
  );
  out();
  out('Strong candidates stay ordered: perfect timers (±0.2 s) with more check-ins.');
  out();
  out('| check-ins | period | score | log odds |');
  out('|---:|---:|---:|---:|');
  for (const [n, period] of [
    [5, 600],
    [10, 600],
    [30, 600],
    [100, 600],
    [288, 300],
    [1440, 60],
    [8640, 10],
  ] as const) {
    const s = await perfect(n, period);
    const p = predict(s, cnn);
    out(`| ${n} | ${period} s | ${p.toFixed(6)} | ${Math.log(p / (1 - p)).toFixed(2)} |`);
  }
  out();
}

const header = [
  `Fitted by \`node --import tsx bench/fit-score.ts\` (train seed ${trainSeed}, ${train.length} series; held-out seed ${testSeed}, ${test.length} series; L2 λ = ${lambda}), CNN backend ${backend}, ${fitSeconds.toFixed(0)} s including generation and scoring, on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Coefficients (stats only): bias ${f3(statsOnly.bias)}, ${statsOnly.features.map((f, i) => `${f} ${f3(statsOnly.weights[i]!)}`).join(', ')}.`,
  '',
  `Coefficients (with CNN): bias ${f3(withCnn.bias)}, ${withCnn.features.map((f, i) => `${f} ${f3(withCnn.weights[i]!)}`).join(', ')}.`,
  '',
];
const report = [...header, ...lines].join('\n');
console.log(report);

if (!args['no-write']) {
  const fmt = (m: { features: string[]; bias: number; weights: number[] }) =>
    `{ features: ${JSON.stringify(m.features)}, bias: ${m.bias}, weights: [${m.weights.join(', ')}] }`;
  writeFileSync(
    path.join(root, 'engine', 'score', 'calibration.ts'),
    `// Written by \`node --import tsx bench/fit-score.ts\`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: ${JSON.stringify(`bench/fit-score.ts --train-seed ${trainSeed} --train ${train.length}, backend ${backend}`)},
  statsOnly: ${fmt(statsOnly)},
  withCnn: ${fmt(withCnn)},
};
`,
  );
  const card = path.join(root, 'docs', 'model-card.md');
  const text = readFileSync(card, 'utf8');
  const [a, b] = ['<!-- calibration:start -->', '<!-- calibration:end -->'];
  if (text.includes(a) && text.includes(b)) {
    writeFileSync(card, text.slice(0, text.indexOf(a) + a.length) + '\n' + report + '\n' + text.slice(text.indexOf(b)));
  } else log('docs/model-card.md has no calibration markers: section not written');
}
classifier?.dispose();
