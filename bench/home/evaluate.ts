// Evaluation on the simulated homes, as a user would run the engine at default settings:
//   node --import tsx bench/home/evaluate.ts [--split train|test] [--seeds 1,2] [--days 3] [--regen]
// For each seed: the clean home's new findings over the last 24 h (and on how many devices), and
// in the infected home each planted C2's rank among the visible new findings — with the full
// scorers (stats + CNN) and with the statistical score alone. Tune on --split train only.
// Each figure comes twice: as the first scan shows it, and after the day-one review (the owner
// installed on the clean home, reviewed what its first day showed and accepted every group for its
// own device — the widest trust a review hands out at "pair" scope). A third home plants a second
// copy of one implant on another device (c2.ts runC2 copy).
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
import type { AllowRuleInput } from '../../engine/contract/api.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from '../../engine/allowlist/index.js';
import { C2_STYLES } from './c2.js';
import type { HomeLabels } from './labels.js';
import { TEST_SEEDS, TRAIN_SEEDS } from './seeds.js';
import { generateHome } from './simulate.js';
import { hiddenReason, reviewRules, visibleFindings, type VisibleFinding } from './visible-findings.js';
import { logFolders } from './zeekctl-layout.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CACHE = join(HERE, '..', '..', '.bench', 'home');

interface HomeResult {
  newFindings: number;
  devices: number;
  /** rank of each planted C2 among visible new findings (null = missed), keyed by style ("<style> copy" for a copy) */
  ranks: Record<string, number | null>;
  /** for each C2 not in the overview: state and score of its best pair ("known 0.99", "absent") */
  hidden: Record<string, string>;
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

type HomeKind = 'clean' | 'infected' | 'copy';

function cachedHome(seed: number, days: number, kind: HomeKind, regen: boolean): { dir: string; labels: HomeLabels } {
  const dir = join(CACHE, `seed${seed}-d${days}-${kind}`);
  const stampFile = join(dir, '.stamp');
  const stamp = generatorStamp();
  if (!regen && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return { dir, labels: JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as HomeLabels };
  const { labels } = generateHome(dir, { seed, days, c2: kind !== 'clean', copy: kind === 'copy' });
  writeFileSync(stampFile, stamp);
  return { dir, labels };
}

/** Where each planted C2 stands among the visible findings (a copy is keyed "<style> copy"). */
function resultOf(visible: VisibleFinding[], hidden: Record<string, string>, labels: HomeLabels): HomeResult {
  const ranks: HomeResult['ranks'] = {};
  for (const c of labels.c2) ranks[keyOf(c)] = visible.find((v) => v.c2s.includes(c))?.rank ?? null;
  return {
    newFindings: visible.length,
    devices: new Set(visible.map((v) => v.src)).size,
    ranks,
    hidden,
    plantedC2: labels.c2.length,
    top: visible.slice(0, 15).map((v) => `${v.rank}. ${v.src} ${v.title} ${v.score.toFixed(3)}${v.c2s.map((c) => ` [C2 ${keyOf(c)}]`).join('')}`),
  };
}

const keyOf = (c: HomeLabels['c2'][number]) => (c.copy ? `${c.style} copy` : c.style);

/** Scan as a user would, then again with the day-one review's rules. The archive folders and the
 *  live spool are named directly: today's scan does not follow logs/current, and naming the spool
 *  keeps working once it does. */
async function evaluateHome(
  dir: string,
  labels: HomeLabels,
  scorers: readonly Scorer[],
  reviewed: readonly AllowRuleInput[],
): Promise<{ first: HomeResult; afterReview: HomeResult }> {
  const out: { first?: HomeResult; afterReview?: HomeResult } = {};
  await scan(logFolders(dir, labels.start, labels.end), {
    scorers,
    windowS: DEFAULT_SETTINGS.windowS,
    gapS: DEFAULT_SETTINGS.activityGapS,
    localNetworks: DEFAULT_SETTINGS.localNetworks,
    withStore: (store) => {
      const now = store.pairs.latestEventTime() ?? labels.end;
      const look = (): HomeResult => {
        const visible = visibleFindings(store, labels, now);
        const hidden: Record<string, string> = {};
        for (const c of labels.c2) if (!visible.some((v) => v.c2s.includes(c))) hidden[keyOf(c)] = hiddenReason(store, c, now);
        return resultOf(visible, hidden, labels);
      };
      out.first = look();
      const allow = new Allowlist(new AllowRuleStore(store.db));
      for (const r of reviewed) allow.add(r);
      out.afterReview = look();
    },
  });
  return { first: out.first!, afterReview: out.afterReview! };
}

/** The day-one review on the clean home: its first day scanned alone, every group accepted. */
async function dayOneReview(dir: string, labels: HomeLabels, scorers: readonly Scorer[]): Promise<AllowRuleInput[]> {
  let rules: AllowRuleInput[] = [];
  const firstDay = logFolders(dir, labels.start, labels.start + 86400).filter((f) => !f.includes('spool'));
  await scan(firstDay, {
    scorers,
    windowS: DEFAULT_SETTINGS.windowS,
    gapS: DEFAULT_SETTINGS.activityGapS,
    localNetworks: DEFAULT_SETTINGS.localNetworks,
    withStore: (store) => {
      rules = reviewRules(store, store.pairs.latestEventTime() ?? labels.start + 86400);
    },
  });
  return rules;
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
  type Looks = { first: HomeResult; afterReview: HomeResult };
  const results: { seed: number; scorer: string; reviewRules: number; clean: Looks; infected: Looks; copy: Looks }[] = [];
  for (const seed of seeds) {
    const clean = cachedHome(seed, days, 'clean', values.regen);
    const infected = cachedHome(seed, days, 'infected', values.regen);
    const copy = cachedHome(seed, days, 'copy', values.regen);
    for (const [name, scorers] of variants) {
      const reviewed = await dayOneReview(clean.dir, clean.labels, scorers);
      const r = {
        seed,
        scorer: name,
        reviewRules: reviewed.length,
        clean: await evaluateHome(clean.dir, clean.labels, scorers, reviewed),
        infected: await evaluateHome(infected.dir, infected.labels, scorers, reviewed),
        copy: await evaluateHome(copy.dir, copy.labels, scorers, reviewed),
      };
      results.push(r);
      if (values.verbose)
        for (const [home, looks] of [
          ['clean', r.clean],
          ['infected', r.infected],
          ['copy', r.copy],
        ] as const)
          for (const [when, res] of [
            ['first', looks.first],
            ['after review', looks.afterReview],
          ] as const)
            console.error(`seed ${seed} ${name} ${home} (${when}):\n  ${res.top.join('\n  ')}`);
    }
  }
  full.dispose();
  const within = (h: HomeResult) => {
    const n = h.plantedC2;
    const ok = Object.values(h.ranks).filter((x) => x !== null && x !== undefined && x <= n + 2).length;
    return `${ok}/${n}`;
  };
  const rankCells = (h: HomeResult, keys: readonly string[]) => keys.map((s) => (s in h.ranks ? (h.ranks[s] ?? `missed (${h.hidden[s]})`) : '–'));
  const head = ['seed', 'scorer', 'clean: new (24 h)', 'clean: devices', ...C2_STYLES, `C2 within top N+2`];
  const table = (when: 'first' | 'afterReview') => {
    const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
    for (const r of results) {
      const c = r.clean[when],
        h = r.infected[when];
      lines.push(`| ${r.seed} | ${r.scorer} | ${c.newFindings} | ${c.devices} | ${rankCells(h, C2_STYLES).join(' | ')} | ${within(h)} |`);
    }
    return lines.join('\n');
  };
  const copyHead = [
    'seed',
    'scorer',
    'copied implant',
    'original rank',
    'copy rank',
    'C2 within top N+2',
    'after review: copy rank',
    'after review: within N+2',
  ];
  const copyLines = [`| ${copyHead.join(' | ')} |`, `|${copyHead.map(() => '---').join('|')}|`];
  for (const r of results) {
    const key = Object.keys(r.copy.first.ranks).find((k) => k.endsWith(' copy'))!;
    const style = key.replace(/ copy$/, '');
    const [orig, cp] = rankCells(r.copy.first, [style, key]);
    const [, cpAfter] = rankCells(r.copy.afterReview, [style, key]);
    copyLines.push(`| ${r.seed} | ${r.scorer} | ${style} | ${orig} | ${cp} | ${within(r.copy.first)} | ${cpAfter} | ${within(r.copy.afterReview)} |`);
  }
  const reviewNote = results.map((r) => `${r.seed}/${r.scorer.startsWith('stats only') ? 'stats' : 'full'}: ${r.reviewRules}`).join(', ');
  console.log(
    `Home corpus, ${days} days, seeds ${seeds.join(',')} (N = planted C2 per home; ranks among visible new findings; a missed C2 shows its best pair's state and score)\n`,
  );
  console.log(`## First scan (nothing reviewed)\n\n${table('first')}\n`);
  console.log(
    `## After the day-one review (the clean home's first day, every group accepted for its device; rules per seed: ${reviewNote})\n\n${table('afterReview')}\n`,
  );
  console.log(
    `## A second copy of one implant on another device (same destination and configured sleep, its own check-ins and start; N counts the copy)\n\n${copyLines.join('\n')}`,
  );
  const out = join(CACHE, `report-${values.seeds ? 'seeds' : values.split}.json`);
  writeFileSync(out, JSON.stringify({ days, seeds, results }, null, 1) + '\n');
  console.log(`\nJSON: ${out}`);
}

await main();
