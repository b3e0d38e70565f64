// npm run eval [-- --model DIR --seed 9001 --per-cell 40 --negatives 300 --partial 150 --no-real --no-card --no-speed]
// Evaluates the shipped CNN, the statistical score and the combined score on a held-out
// synthetic grid and on the real Zeek samples in ../shared/zeek-samples/, prints the results
// and writes them into docs/model-card.md (between the eval markers) and
// native-model/model/eval-report.json.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBeaconClassifier, type BeaconClassifier } from '../native-model/classifier.js';
import { buildEvalSet } from '../native-model/eval-grid.js';
import { bandTable, confusionTable, jitterHead, pct, summaryTable, syntheticSummary, f3 } from '../native-model/eval-report.js';
import { windowStarts } from '../native-model/features.js';
import { generateSeries } from '../native-model/generator.js';
import { confusion } from '../native-model/metrics.js';
import type { ActivitySeries, Finding, Scorer, ScorerOutput } from '../engine/contract/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(root, 'native-model', 'model') },
    seed: { type: 'string', default: '9001' },
    'per-cell': { type: 'string', default: '40' },
    negatives: { type: 'string', default: '300' },
    partial: { type: 'string', default: '150' },
    'no-real': { type: 'boolean', default: false },
    'no-card': { type: 'boolean', default: false },
    'no-speed': { type: 'boolean', default: false },
  },
});
const log = (line: string) => process.stderr.write(line + '\n');
const EPOCH = 1_700_000_000; // synthetic times start here, like real epoch seconds

interface StatsParts {
  scorer: Scorer;
  combine: (cnn: number, stats: number) => number;
  /** the engine's final score: the calibrated probability of a timer (engine/score/combine.ts) */
  final?: (outputs: ReadonlyMap<string, ScorerOutput>, stats?: { activities: number }) => number;
  /** the engine's weight for how many activities back a score (1 when the engine has none) */
  evidence: (activities: number) => number;
}

async function loadStats(): Promise<StatsParts | null> {
  const statsPath = path.join(root, 'engine', 'score', 'stats-scorer.ts');
  if (!existsSync(statsPath)) return null;
  const { statsScorer } = await import('../engine/score/stats-scorer.js');
  const combine = (await import('../engine/score/combine.js')) as {
    combineWithCnn: StatsParts['combine'];
    evidence?: StatsParts['evidence'];
    finalScore?: StatsParts['final'];
  };
  return {
    scorer: statsScorer,
    combine: combine.combineWithCnn,
    evidence: combine.evidence ?? (() => 1),
    ...(combine.finalScore ? { final: combine.finalScore } : {}),
  };
}

/** The engine's first rule, kept for comparison: more weight on the statistics. */
const earlier = (st: StatsParts, cnn: number, stats: number, activities: number) => (0.7 * cnn + 0.3 * stats) * st.evidence(activities);

interface PairRef {
  src: string;
  dst: string;
  source?: Finding['source'];
}
interface RealCase {
  name: string;
  paths: string[];
  windowS: number;
  beacons: PairRef[];
  benign: PairRef[];
}
const SAMPLES = path.resolve(root, '..', 'shared', 'zeek-samples');
// ground truth from zeek-samples/README.md
const REAL: RealCase[] = [
  {
    name: 'rita/missing_host (72 h)',
    paths: ['rita/missing_host'],
    windowS: 3 * 86400,
    beacons: [{ src: '73.54.23.243', dst: '64.225.56.201' }],
    benign: [{ src: '64.225.56.201', dst: '91.189.91.157' }],
  },
  {
    name: 'rita/proxy (28 h)',
    paths: ['rita/proxy'],
    windowS: 2 * 86400,
    beacons: [
      { src: '10.136.0.18', dst: 'www.honestimnotevil.com' },
      { src: '10.136.0.18', dst: '10.136.0.16', source: 'conn' },
    ],
    benign: [],
  },
  {
    name: 'stratosphere/001 NjRAT',
    paths: ['stratosphere/001-zeek-scenario-malicious/conn.log'],
    windowS: 86400,
    beacons: [{ src: '192.168.1.115', dst: '41.108.179.197' }],
    benign: [],
  },
  {
    name: 'stratosphere/003 Android RAT',
    paths: ['stratosphere/003-zeek-scenario-malicious'],
    windowS: 86400,
    beacons: [{ src: '10.8.0.61', dst: '147.32.83.234' }],
    benign: [],
  },
  {
    name: 'stratosphere/008 benign Windows',
    paths: ['stratosphere/008-zeek-mixed/data'],
    windowS: 2 * 86400,
    beacons: [],
    benign: [
      { src: '147.32.81.167', dst: '91.228.167.171' },
      { src: '147.32.81.167', dst: '51.104.162.168' },
    ],
  },
  {
    name: 'rita/proxy_rolling (7 h)',
    paths: ['rita/proxy_rolling'],
    windowS: 86400,
    beacons: [],
    benign: [
      { src: '10.0.0.11', dst: '239.255.255.250' },
      { src: '10.0.0.238', dst: '75.75.75.75' },
    ],
  },
];

/** 1-based rank of the best-ranked finding matching `ref` under `score` (ties: how many share it). */
function rankOf(findings: readonly Finding[], ref: PairRef, score: (f: Finding) => number) {
  const matches = findings.filter((f) => f.src === ref.src && f.dst === ref.dst && (!ref.source || f.source === ref.source));
  let best: { rank: number; tied: number; f: Finding } | null = null;
  for (const m of matches) {
    const rank = 1 + findings.filter((f) => score(f) > score(m)).length;
    const tied = findings.filter((f) => score(f) === score(m)).length - 1;
    if (!best || rank < best.rank) best = { rank, tied, f: m };
  }
  return best;
}
const showRank = (r: ReturnType<typeof rankOf>) => (r ? `${r.rank}${r.tied ? ` (tied with ${r.tied})` : ''}` : '-');

async function realSamples(classifier: BeaconClassifier): Promise<{ md: string; json: object }> {
  if (!existsSync(SAMPLES)) return { md: `_skipped: ${SAMPLES} is absent._`, json: {} };
  const scanFile = path.join(root, 'engine', 'scan', 'scan.ts');
  if (!existsSync(scanFile)) return { md: '_TODO: engine/scan/scan.ts (scanPaths) not present yet._', json: {} };
  const { scanPaths } = await import('../engine/scan/scan.js');
  const { cnnScorer } = await import('../engine/score/cnn-scorer.js');
  const stats = await loadStats();
  const scorers = [...(stats ? [stats.scorer] : []), cnnScorer(classifier)];
  const rows: string[] = [
    '| dataset | pair | kind | pairs scored | rank final (engine) | rank earlier 0.7/0.3 rule | rank CNN | rank stats | final | CNN beacon / jitter | stats |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const json: object[] = [];
  for (const c of REAL) {
    const paths = c.paths.map((p) => path.join(SAMPLES, p));
    if (!paths.every((p) => existsSync(p))) continue;
    const t0 = performance.now();
    let findings: Finding[];
    try {
      findings = await scanPaths(paths, { scorers, windowS: c.windowS });
    } catch (err) {
      // one failing dataset must not hide the others (and wasm rethrows uncaught errors noisily)
      rows.push(`| ${c.name} | - | scan failed: ${(err as Error).message.replace(/\|/g, '/')} | | | | | | | | |`);
      json.push({ dataset: c.name, error: (err as Error).message });
      continue;
    }
    log(`${c.name}: ${findings.length} pairs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const [kind, refs] of [
      ['beacon', c.beacons],
      ['benign periodic', c.benign],
    ] as const) {
      for (const ref of refs) {
        const fin = rankOf(findings, ref, (f) => f.score);
        const cnn = rankOf(findings, ref, (f) => f.scores['cnn'] ?? 0);
        const st = rankOf(findings, ref, (f) => f.scores['stats'] ?? 0);
        const rec = stats ? rankOf(findings, ref, (f) => earlier(stats, f.scores['cnn'] ?? 0, f.scores['stats'] ?? 0, f.stats.activities)) : null;
        const f = fin?.f;
        const pair = `${ref.src} → ${ref.dst}${f ? ` (${f.source}${f.variant ? '/' + f.variant : ''})` : ''}`;
        rows.push(
          `| ${c.name} | ${pair} | ${kind} | ${findings.length} | ${fin ? showRank(fin) : 'not found'} | ${showRank(rec)} | ${showRank(cnn)} | ${showRank(st)} | ${f ? f3(f.score) : '-'} | ${f ? `${f3(f.scores['beacon'] ?? NaN)} / ${f3(f.scores['jitter'] ?? NaN)}` : '-'} | ${f ? f3(f.scores['stats'] ?? NaN) : '-'} |`,
        );
        json.push({
          dataset: c.name,
          ...ref,
          kind,
          pairs: findings.length,
          rankFinal: fin?.rank ?? null,
          rankRecommended: rec?.rank ?? null,
          rankCnn: cnn?.rank ?? null,
          tiedCnn: cnn?.tied ?? null,
          rankStats: st?.rank ?? null,
          scores: f?.scores ?? null,
        });
      }
    }
  }
  const md = [
    'Each dataset scanned with `scanPaths` (the engine pipeline: pairs, activities grouped within 1 s, window ending at the last event). Rank 1 = top of the list; ranks are among all scored pairs of that dataset, all directions.',
    '',
    ...rows,
  ].join('\n');
  return { md, json };
}

async function speed(classifier: BeaconClassifier): Promise<string> {
  // 10,000 pairs as the generator makes them (half beacons, many with thousands of activities)
  const series = [...generateSeries(4242, 10_000)].map((s) => s.times.map((t) => t + EPOCH));
  const t0 = performance.now();
  await classifier.classify(series);
  const secs = (performance.now() - t0) / 1000;
  const acts = series.reduce((a, s) => a + s.length, 0);
  const windows = series.reduce((a, s) => a + (s.length >= 4 ? windowStarts(s.length).length : 0), 0);
  return `Rescoring 10,000 synthetic pairs (${acts.toLocaleString('en')} activities, ${windows.toLocaleString('en')} windows) on **${classifier.backend}**: **${secs.toFixed(1)} s** (${Math.round(windows / secs).toLocaleString('en')} windows/s; the machine was shared with other work).`;
}

async function synthetic(classifier: BeaconClassifier): Promise<{ md: string; json: object }> {
  const items = buildEvalSet(Number(args.seed), Number(args['per-cell']), Number(args.negatives), Number(args.partial));
  const t0 = performance.now();
  const probs = await classifier.classify(items.map((it) => it.series.times.map((t) => t + EPOCH)));
  log(`scored ${items.length} synthetic series in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const cnn = probs.map((p) => p.beacon);
  const sets = [{ name: 'CNN (beacon head)', scores: cnn }];
  const stats = await loadStats();
  let combinedScores: number[] | null = null;
  if (stats) {
    const series: ActivitySeries[] = items.map((it) => {
      const n = it.series.times.length;
      // constant bytes: the generator has no size model, so the data-size part is neutral
      return {
        times: it.series.times.map((t) => t + EPOCH),
        bytes: new Float64Array(n).fill(500),
        counts: new Uint32Array(n).fill(1),
        windowStart: EPOCH,
        windowEnd: EPOCH + it.series.windowS,
      };
    });
    const outs = await stats.scorer.scoreBatch(series);
    const st = outs.map((o) => o.score);
    const n = items.map((it) => it.series.times.length);
    const final = stats.final;
    combinedScores = final
      ? cnn.map((c, i) =>
          final(
            new Map<string, ScorerOutput>([
              ['stats', outs[i]!],
              ['cnn', { score: c, values: { beacon: c } }],
            ]),
            { activities: n[i]! },
          ),
        )
      : cnn.map((c, i) => stats.combine(c, st[i]!) * stats.evidence(n[i]!));
    sets.push({ name: 'statistical (RITA-style)', scores: st });
    sets.push({
      name: final ? 'final, engine now: calibrated probability of a timer' : 'final, engine now: (0.9·cnn + 0.1·stats) · evidence',
      scores: combinedScores,
    });
    if (final)
      sets.push({
        name: 'previous rule: (0.9·cnn + 0.1·stats) · evidence',
        scores: cnn.map((c, i) => stats.combine(c, st[i]!) * stats.evidence(n[i]!)),
      });
    sets.push({ name: 'earlier rule: (0.7·cnn + 0.3·stats) · evidence', scores: cnn.map((c, i) => earlier(stats, c, st[i]!, n[i]!)) });
    sets.push({ name: 'alt: max(cnn, stats)', scores: cnn.map((c, i) => Math.max(c, st[i]!)) });
    sets.push({ name: 'alt: mean(cnn, stats)', scores: cnn.map((c, i) => (c + st[i]!) / 2) });
  }
  const summary = syntheticSummary(items, sets);
  const labels = items.map((it) => it.series.label.beacon);
  const jh = jitterHead(
    items,
    probs.map((p) => p.jitter),
  );
  const counts = {
    beacons: items.filter((i) => i.group === 'grid').length,
    negatives: items.filter((i) => i.group === 'negative').length,
    partial: items.filter((i) => i.group === 'partial').length,
  };
  const cnnThr = summary[0]!.thresholdAt1;
  const md = [
    `Held-out set (seed ${args.seed}): ${counts.beacons} grid beacons (${args['per-cell']} per period × jitter cell, styles mixed, with misses / extra connections / bursts / partial presence as in training), ${counts.negatives} negatives (${args.negatives} per kind), ${counts.partial} beacons present only in the last third of the day after other traffic. Scores are per series (windows aggregated as in the classifier: mean of the two best windows).`,
    '',
    summaryTable(summary),
    '',
    `Beacon head at 0.5 (grid beacons + negatives + last-third beacons):`,
    '',
    confusionTable('beacon head', confusion(cnn, labels), 'not beacon', 'beacon'),
    '',
    `Jitter head at 0.5 on grid beacons (label: applied jitter ≥ 10% of the period, latency included):`,
    '',
    confusionTable('jitter head', jh.matrix, 'regular', 'jittered'),
    '',
    `Jitter head accuracy, J = 0 vs J ≥ 20%: **${pct(jh.clearAccuracy)}** (against the label); periods ≥ 60 s (latency negligible): **${pct(jh.clearAccuracyOver60s)}**; on the ${jh.tidyCount} of those beacons without misses, extra connections, bursts or noise: **${pct(jh.tidyAccuracy)}**.`,
    '',
    `CNN recall by period × jitter band at its 1%-FPR threshold (${f3(cnnThr)}):`,
    '',
    bandTable(items, cnn, cnnThr),
    ...(combinedScores
      ? [
          '',
          `Final (combined) score recall by band at its 1%-FPR threshold (${f3(summary[2]!.thresholdAt1)}):`,
          '',
          bandTable(items, combinedScores, summary[2]!.thresholdAt1),
        ]
      : ['', '_Statistical scorer not present (engine/score/stats-scorer.ts): CNN only._']),
  ].join('\n');
  return { md, json: { counts, summary, jitter: jh } };
}

async function writeCard(section: string) {
  const card = path.join(root, 'docs', 'model-card.md');
  const start = '<!-- eval:start -->';
  const end = '<!-- eval:end -->';
  const text = existsSync(card) ? await readFile(card, 'utf8') : `# Beacon CNN model card\n\n${start}\n${end}\n`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${card}: eval markers missing`);
  await writeFile(card, text.slice(0, a + start.length) + '\n' + section + '\n' + text.slice(b));
  log(`updated ${card}`);
}

async function main() {
  const classifier = await loadBeaconClassifier({ modelDir: args.model!, log });
  try {
    const syn = await synthetic(classifier);
    const sp = args['no-speed'] ? '_skipped (--no-speed)_' : await speed(classifier);
    const real = args['no-real'] ? { md: '_skipped (--no-real)_', json: {} } : await realSamples(classifier);
    const section = [
      `_Generated by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)}; backend ${classifier.backend}._`,
      '',
      '### Synthetic (held-out)',
      '',
      syn.md,
      '',
      '### Speed',
      '',
      sp,
      '',
      '### Real Zeek samples',
      '',
      real.md,
    ].join('\n');
    process.stdout.write(section + '\n');
    await writeFile(path.join(args.model!, 'eval-report.json'), JSON.stringify({ synthetic: syn.json, speed: sp, real: real.json }, null, 2) + '\n');
    if (!args['no-card']) await writeCard(section);
  } finally {
    classifier.dispose();
  }
}

await main().catch((err: unknown) => {
  // print only the error: the wasm runtime's handler would dump its whole minified source
  process.stderr.write(`eval failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
