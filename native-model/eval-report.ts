// Metrics over the synthetic evaluation set, and their Markdown rendering for the model card.
import { JITTER_BANDS, PERIOD_BANDS, type EvalItem } from './eval-grid.js';
import { confusion, recallAbove, recallAtFpr, rocAuc } from './metrics.js';

export interface ScoreSet {
  name: string;
  /** one score per EvalItem */
  scores: number[];
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

export function syntheticSummary(items: readonly EvalItem[], sets: readonly ScoreSet[]) {
  const labels = items.map((it) => it.series.label.beacon);
  return sets.map((s) => {
    const at1 = recallAtFpr(s.scores, labels, 0.01);
    const low = items.map((it, i) => i).filter((i) => items[i]!.group === 'negative' || (items[i]!.jitterBand ?? 9) <= 2);
    const lowAt1 = recallAtFpr(
      low.map((i) => s.scores[i]!),
      low.map((i) => labels[i]!),
      0.01,
    );
    const partial = items.map((it, i) => i).filter((i) => items[i]!.group === 'partial');
    return {
      name: s.name,
      auc: rocAuc(s.scores, labels),
      recallAt1: at1.recall,
      thresholdAt1: at1.threshold,
      recallAt1Jitter50: lowAt1.recall,
      partialRecallAt1: recallAbove(
        partial.map((i) => s.scores[i]!),
        partial.map(() => 1),
        at1.threshold,
      ),
      partialRecallAt05: recallAbove(
        partial.map((i) => s.scores[i]!),
        partial.map(() => 1),
        0.5,
      ),
    };
  });
}

/** Recall (at the given threshold) per period band × jitter band, grid beacons only. */
export function bandTable(items: readonly EvalItem[], scores: readonly number[], threshold: number): string {
  const head = `| period \\ jitter | ${JITTER_BANDS.map((j) => j.label).join(' | ')} |`;
  const sep = `|---|${JITTER_BANDS.map(() => '---').join('|')}|`;
  const rows = PERIOD_BANDS.map((pb, pi) => {
    const cells = JITTER_BANDS.map((_, ji) => {
      const idx = items.map((_, i) => i).filter((i) => items[i]!.periodBand === pi && items[i]!.jitterBand === ji);
      return pct(
        recallAbove(
          idx.map((i) => scores[i]!),
          idx.map(() => 1),
          threshold,
        ),
      );
    });
    return `| ${pb.label} | ${cells.join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}

export function confusionTable(title: string, m: number[][], neg: string, pos: string): string {
  const r = (i: number) => m[i] ?? [0, 0];
  return [
    `| ${title} | predicted ${neg} | predicted ${pos} |`,
    '|---|---|---|',
    `| actual ${neg} | ${r(0)[0]} | ${r(0)[1]} |`,
    `| actual ${pos} | ${r(1)[0]} | ${r(1)[1]} |`,
  ].join('\n');
}

/** Jitter head on beacon series: against its label, and on the clear-cut J=0 vs J≥20% split. */
export function jitterHead(items: readonly EvalItem[], jitter: readonly number[]) {
  const beacons = items.map((_, i) => i).filter((i) => items[i]!.group === 'grid');
  const m = confusion(
    beacons.map((i) => jitter[i]!),
    beacons.map((i) => items[i]!.series.label.jitter),
  );
  const clear = beacons.filter((i) => {
    const j = items[i]!.jitterBand!;
    return j === 0 || j >= 2;
  });
  // J=0 beacons whose latency is large next to the period count as jittered (label rule)
  const ok = clear.filter((i) => (jitter[i]! > 0.5 ? 1 : 0) === items[i]!.series.label.jitter).length;
  const clearSlow = clear.filter((i) => items[i]!.periodBand! >= 1);
  const okSlow = clearSlow.filter((i) => (jitter[i]! > 0.5 ? 1 : 0) === (items[i]!.jitterBand! >= 2 ? 1 : 0)).length;
  // the same split on beacons without misses, extra connections, bursts or background noise
  const tidy = clear.filter((i) => {
    const sp = items[i]!.series.spec;
    return sp !== null && sp.missRate === 0 && sp.extraConns === 0 && sp.bursts === 0 && sp.noise === 0;
  });
  const okTidy = tidy.filter((i) => (jitter[i]! > 0.5 ? 1 : 0) === items[i]!.series.label.jitter).length;
  return {
    matrix: m,
    clearAccuracy: ok / clear.length,
    clearAccuracyOver60s: okSlow / clearSlow.length,
    tidyAccuracy: okTidy / tidy.length,
    tidyCount: tidy.length,
  };
}

export function summaryTable(rows: ReturnType<typeof syntheticSummary>): string {
  return [
    '| score | ROC AUC | recall @ 1% FPR (all jitter) | recall @ 1% FPR (jitter ≤ 50%) | threshold @ 1% FPR | last-third beacons found (@ 1% FPR thr.) | last-third (@ 0.5) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${f3(r.auc)} | ${pct(r.recallAt1)} | ${pct(r.recallAt1Jitter50)} | ${f3(r.thresholdAt1)} | ${pct(r.partialRecallAt1)} | ${pct(r.partialRecallAt05)} |`,
    ),
  ].join('\n');
}

export { pct, f3 };
