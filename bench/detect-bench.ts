// Time to detect (issue 20): a beacon that starts in a followed folder with background traffic,
// its check-ins appended as time passes, and the quick pass (engine/service/quick-rescore.ts)
// every QUICK_RESCORE_S scoring the pairs with new events. Reported: the time from the first
// check-in to the first pass at which it is an alert (a new finding at or above the threshold),
// and how many check-ins that took. Simulated time (the bench cannot wait hours): each tick
// appends the rows up to it, ingests them as the tailer would, and scores at that tick, the same
// calls the runtime makes, with `now` the tick instead of the wall clock.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../db/store.js';
import { Allowlist } from '../engine/allowlist/index.js';
import { storeViewContext } from '../engine/findings/store-context.js';
import { ingestFile } from '../engine/ingest/ingest-file.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { rescore } from '../engine/score/rescore.js';
import type { Scorer } from '../engine/contract/types.js';
import { DEFAULT_SETTINGS } from '../engine/service/default-settings.js';
import { QUICK_RESCORE_S } from '../engine/service/quick-rescore.js';
import { isAlert, visibleFindings } from '../engine/service/views.js';
import { connHeader, ConnRowSource } from '../tests/support/gen-conn-log.js';
import { seededRandom } from '../engine/demo/seeded-random.js';

export interface DetectFigures {
  sleepS: number;
  /** seconds from the first check-in to the pass that alerted; null: not within the horizon */
  detectS: number | null;
  checkIns: number | null;
  horizonS: number;
}

const IMPLANT = '192.168.1.250';
const C2 = '203.0.113.77';
const T0 = 1_795_780_800; // 2026-11-27 12:00 UTC: six hours of background before it

function checkIn(ts: number, i: number): string {
  return `${ts.toFixed(6)}\tCdetect${String(i).padStart(11, '0')}\t${IMPLANT}\t${50000 + (i % 10000)}\t${C2}\t443\ttcp\tssl\t0.4\t310\t4200\tSF\tT\tF\t0\tShADadFf\t8\t630\t9\t4560\t(empty)\n`;
}

/** background rows as [ts, line], in time order */
function background(from: number, to: number): [number, string][] {
  const src = new ConnRowSource({ rows: Math.round((to - from) / 6), pairs: 300, startTs: from, spanS: to - from, seed: 11 });
  const out: [number, string][] = [];
  for (let chunk = src.next(); chunk !== null; chunk = src.next())
    for (const l of chunk.split('\n')) if (l) out.push([Number(l.slice(0, l.indexOf('\t'))), `${l}\n`]);
  return out;
}

/** `tickS`: how often the pairs are scored (the quick pass; 3600: the hourly rescore alone, as before it) */
export async function benchDetect(work: string, sleepS: number, scorers: readonly Scorer[], tickS = QUICK_RESCORE_S): Promise<DetectFigures> {
  const dir = mkdtempSync(join(work, `detect-${sleepS}-`));
  const store = Store.open(join(dir, 'd.sqlite'), { scratch: true });
  const settings = DEFAULT_SETTINGS;
  const extractor = new PairExtractor(new LocalNetworks(settings.localNetworks));
  const log = join(dir, 'conn.log');
  // long enough for 40 check-ins (the scorers decide well before that)
  const horizonS = Math.max(4 * 3600, 40 * sleepS);
  const rows = background(T0 - 6 * 3600, T0 + horizonS);
  const rand = seededRandom(sleepS);
  const beacon: number[] = [];
  for (let t = T0; t < T0 + horizonS; t += sleepS * (0.8 + 0.4 * rand())) beacon.push(t);
  try {
    let bi = 0;
    let ri = 0;
    const appendUpTo = (until: number) => {
      let text = '';
      while (ri < rows.length && rows[ri]![0] <= until) text += rows[ri++]![1];
      while (bi < beacon.length && beacon[bi]! <= until) text += checkIn(beacon[bi]!, bi++);
      appendFileSync(log, text);
    };
    writeFileSync(log, connHeader());
    appendUpTo(T0 - 1);
    await ingestFile(log, store.ingest, extractor, { final: false });
    // the full rescore just before the implant starts
    await rescore(store, { now: T0 - 1, windowS: settings.windowS, gapS: settings.activityGapS, scorers });
    let last = T0 - 1;
    for (let tick = T0 + tickS; tick <= T0 + horizonS; tick += tickS) {
      appendUpTo(tick);
      await ingestFile(log, store.ingest, extractor, { final: false });
      await rescore(store, { now: tick, windowS: settings.windowS, gapS: settings.activityGapS, scorers, activeSince: last - 120, record: false });
      last = tick;
      const ctx = storeViewContext(store, new Allowlist(store.allowlist), settings, null);
      const hit = visibleFindings(store.pairs.listScoredPairs(), ctx).find((f) => f.src === IMPLANT && f.dst === C2);
      if (hit && isAlert(hit) && hit.score >= settings.alertThreshold) return { sleepS, detectS: tick - T0, checkIns: bi, horizonS };
    }
    return { sleepS, detectS: null, checkIns: null, horizonS };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `hourly[i]`: the same beacon scored by the hourly rescore alone */
export function detectTable(figures: readonly DetectFigures[], hourly: readonly DetectFigures[], scorerName: string): string {
  const min = (s: number) => `${(s / 60).toFixed(s < 600 ? 1 : 0)} min`;
  const after = (f: DetectFigures | undefined) =>
    !f ? '–' : f.detectS === null ? `not within ${min(f.horizonS)}` : `${min(f.detectS)} (${f.checkIns} check-ins)`;
  return [
    `Time to detect (${scorerName}; 20 % jitter, 300 background pairs; simulated time):`,
    `| sleep | quick pass every ${QUICK_RESCORE_S / 60} min | hourly rescore alone | goal |`,
    '|---|---:|---:|---|',
    ...figures.map((f, i) => {
      const goal = f.sleepS === 60 ? 600 : 3 * f.sleepS;
      const met = f.detectS !== null && f.detectS <= goal;
      return `| ${min(f.sleepS)} | ${after(f)} | ${after(hourly[i])} | ≤ ${min(goal)}: ${met ? 'met' : '**not met**'} |`;
    }),
  ].join('\n');
}

/** both tables' figures for a 1, 5 and 30 min sleep */
export async function detectFigures(work: string, scorers: readonly Scorer[]): Promise<{ quick: DetectFigures[]; hourly: DetectFigures[] }> {
  const quick: DetectFigures[] = [];
  const hourly: DetectFigures[] = [];
  for (const s of [60, 300, 1800]) {
    quick.push(await benchDetect(work, s, scorers));
    hourly.push(await benchDetect(work, s, scorers, 3600));
  }
  return { quick, hourly };
}

// run alone: node --import tsx bench/detect-bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadScorers } = await import('../engine/score/scorers.js');
  const loaded = await loadScorers();
  const work = mkdtempSync(join(tmpdir(), 'bw-detect-'));
  try {
    const { quick, hourly } = await detectFigures(work, loaded.scorers);
    console.log(detectTable(quick, hourly, loaded.scorers.map((s) => s.name).join('+')));
  } finally {
    loaded.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}
