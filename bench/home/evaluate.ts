// Evaluation on the simulated homes, as a user would run the engine at default settings:
//   node --import tsx bench/home/evaluate.ts [--split train|test] [--seeds 1,2] [--days 3] [--regen]
// For each seed: the clean home's new findings over the last 24 h (and on how many devices), and
// in the infected home each planted C2's rank among the visible new findings — with the full
// scorers (stats + CNN) and with the statistical score alone. Tune on --split train only.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scan } from '../../engine/scan/scan.js';
import { loadScorers } from '../../engine/score/scorers.js';
import { statsScorer } from '../../engine/score/stats-scorer.js';
import { DEFAULT_SETTINGS } from '../../engine/service/settings.js';
import type { Scorer } from '../../engine/contract/types.js';
import { C2_STYLES, type C2Style } from './c2.js';
import type { HomeLabels } from './labels.js';
import { TEST_SEEDS, TRAIN_SEEDS } from './seeds.js';
import { generateHome } from './simulate.js';
import { hiddenReason, visibleFindings, type VisibleFinding } from './visible-findings.js';
import { logFolders } from './zeekctl-layout.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CACHE = join(HERE, '..', '..', '.bench', 'home');

interface HomeResult {
  newFindings: number;
  devices: number;
  /** rank of each planted C2 among visible new findings (null = missed) */
  ranks: Partial<Record<C2Style, number | null>>;
  /** for each C2 not in the overview: state and score of its best pair ("known 0.99", "absent") */
  hidden: Partial<Record<C2Style, string>>;
  plantedC2: number;
  top: string[];
}

/** The simulator's own sources: a cached home is reused only while they are unchanged. */
function generatorStamp(): string {
  const h = createHash('sha1');
  for (const f of readdirSync(HERE)
    .filter((f) => f.endsWith('.ts') && !/^(evaluate|visible-findings|.*\.test)\.ts$/.test(f))
    .sort())
    h.update(readFileSync(join(HERE, f)));
  return h.digest('hex');
}

function cachedHome(seed: number, days: number, c2: boolean, regen: boolean): { dir: string; labels: HomeLabels } {
  const dir = join(CACHE, `seed${seed}-d${days}-${c2 ? 'infected' : 'clean'}`);
  const stampFile = join(dir, '.stamp');
  const stamp = generatorStamp();
  if (!regen && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return { dir, labels: JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as HomeLabels };
  const { labels } = generateHome(dir, { seed, days, c2 });
  writeFileSync(stampFile, stamp);
  return { dir, labels };
}

/** Scan as a user would. The archive folders and the live spool are named directly: today's scan
 *  does not follow logs/current, and naming the spool keeps working once it does. */
async function evaluateHome(dir: string, labels: HomeLabels, scorers: readonly Scorer[]): Promise<HomeResult> {
  let visible: VisibleFinding[] = [];
  const hidden: HomeResult['hidden'] = {};
  await scan(logFolders(dir, labels.start, labels.end), {
    scorers,
    windowS: DEFAULT_SETTINGS.windowS,
    gapS: DEFAULT_SETTINGS.activityGapS,
    localNetworks: DEFAULT_SETTINGS.localNetworks,
    withStore: (store) => {
      const now = store.pairs.latestEventTime() ?? labels.end;
      visible = visibleFindings(store, labels, now);
      for (const c of labels.c2) if (!visible.some((v) => v.c2 === c)) hidden[c.style] = hiddenReason(store, c, now);
    },
  });
  const ranks: HomeResult['ranks'] = {};
  for (const c of labels.c2) ranks[c.style] = visible.find((v) => v.c2 === c)?.rank ?? null;
  return {
    newFindings: visible.length,
    devices: new Set(visible.map((v) => v.src)).size,
    ranks,
    hidden,
    plantedC2: labels.c2.length,
    top: visible.slice(0, 15).map((v) => `${v.rank}. ${v.src} ${v.title} ${v.score.toFixed(3)}${v.c2 ? ` [C2 ${v.c2.style}]` : ''}`),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      split: { type: 'string', default: 'train' },
      seeds: { type: 'string' },
      days: { type: 'string', default: '3' },
      regen: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const seeds = values.seeds ? values.seeds.split(',').map(Number) : values.split === 'test' ? [...TEST_SEEDS] : [...TRAIN_SEEDS];
  const days = Number(values.days);
  mkdirSync(CACHE, { recursive: true });
  const full = await loadScorers();
  const variants: [string, readonly Scorer[]][] = [
    [full.cnnProblem ? `stats (CNN: ${full.cnnProblem})` : `stats+cnn (${full.backend})`, full.scorers],
    ['stats only', [statsScorer]],
  ];
  const results: { seed: number; scorer: string; clean: HomeResult; infected: HomeResult }[] = [];
  for (const seed of seeds) {
    const clean = cachedHome(seed, days, false, values.regen);
    const infected = cachedHome(seed, days, true, values.regen);
    for (const [name, scorers] of variants) {
      const r = {
        seed,
        scorer: name,
        clean: await evaluateHome(clean.dir, clean.labels, scorers),
        infected: await evaluateHome(infected.dir, infected.labels, scorers),
      };
      results.push(r);
      if (values.verbose)
        console.error(`seed ${seed} ${name}\n  clean: ${r.clean.top.join('\n         ')}\n  infected: ${r.infected.top.join('\n            ')}`);
    }
  }
  full.dispose();
  const head = ['seed', 'scorer', 'clean: new (24 h)', 'clean: devices', ...C2_STYLES, `C2 within top N+2`];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of results) {
    const n = r.infected.plantedC2;
    const ranks = C2_STYLES.map((s) => (s in r.infected.ranks ? (r.infected.ranks[s] ?? `missed (${r.infected.hidden[s]})`) : '–'));
    const within = Object.values(r.infected.ranks).filter((x) => x !== null && x !== undefined && x <= n + 2).length;
    lines.push(`| ${r.seed} | ${r.scorer} | ${r.clean.newFindings} | ${r.clean.devices} | ${ranks.join(' | ')} | ${within}/${n} |`);
  }
  console.log(
    `Home corpus, ${days} days, seeds ${seeds.join(',')} (N = planted C2 per home; ranks among visible new findings; a missed C2 shows its best pair's state and score)\n`,
  );
  console.log(lines.join('\n'));
  const out = join(CACHE, `report-${values.seeds ? 'seeds' : values.split}.json`);
  writeFileSync(out, JSON.stringify({ days, seeds, results }, null, 1) + '\n');
  console.log(`\nJSON: ${out}`);
}

await main();
