// Logistic fitting and the numbers a calibration is judged by: ROC AUC, expected calibration
// error, a reliability table and a histogram. Plain arrays, deterministic.

/**
 * L2-regularised logistic regression with non-negative weights: fit, pin every negative weight
 * at 0, refit on the rest, until none is negative (a small active-set method). Non-negative
 * weights on features that grow with the evidence keep the score monotone in the evidence.
 */
export function fitNonNegative(x: readonly number[][], y: readonly number[], lambda = 1): { bias: number; weights: number[] } {
  const d = x[0]?.length ?? 0;
  const active = new Array<boolean>(d).fill(true);
  for (;;) {
    const cols = active.map((a, i) => (a ? i : -1)).filter((i) => i >= 0);
    const fit = fitLogistic(
      x.map((row) => cols.map((c) => row[c]!)),
      y,
      lambda,
    );
    const weights = new Array<number>(d).fill(0);
    cols.forEach((c, k) => (weights[c] = fit.weights[k]!));
    const negative = cols.filter((c) => weights[c]! < 0);
    if (negative.length === 0) return { bias: fit.bias, weights };
    // pin the most negative one and try again
    active[negative.reduce((a, b) => (weights[a]! < weights[b]! ? a : b))] = false;
  }
}

/** L2-regularised logistic regression by Newton's method; the bias is not penalised. */
export function fitLogistic(x: readonly number[][], y: readonly number[], lambda = 1, iterations = 30): { bias: number; weights: number[] } {
  const d = (x[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = [1, ...x[i]!];
      let z = 0;
      for (let k = 0; k < d; k++) z += w[k]! * row[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        g[a]! += (p - y[i]!) * row[a]!;
        for (let b = 0; b < d; b++) h[a]![b]! += s * row[a]! * row[b]!;
      }
    }
    for (let a = 1; a < d; a++) {
      g[a]! += lambda * w[a]!;
      h[a]![a]! += lambda;
    }
    const step = solve(h, g);
    let moved = 0;
    for (let a = 0; a < d; a++) {
      w[a]! -= step[a]!;
      moved = Math.max(moved, Math.abs(step[a]!));
    }
    if (moved < 1e-9) break;
  }
  return { bias: w[0]!, weights: w.slice(1) };
}

/** Gaussian elimination with partial pivoting (small systems only). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** ROC AUC by ranks (ties count half). */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if (labels[idx[k]!]) {
        rankSum += rank;
        pos++;
      }
    i = j;
  }
  const neg = labels.length - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : NaN;
}

export interface Bin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

/** Ten equal-width bins of predicted probability: mean prediction vs observed positive rate. */
export function reliability(scores: readonly number[], labels: readonly number[], bins = 10): Bin[] {
  const out: Bin[] = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, meanPredicted: 0, observed: 0 }));
  scores.forEach((s, i) => {
    const bin = out[Math.min(bins - 1, Math.floor(s * bins))]!;
    bin.count++;
    bin.meanPredicted += s;
    bin.observed += labels[i]!;
  });
  for (const b of out)
    if (b.count) {
      b.meanPredicted /= b.count;
      b.observed /= b.count;
    }
  return out;
}

/** Expected calibration error: count-weighted |predicted − observed| over the bins. */
export function ece(bins: readonly Bin[]): number {
  const total = bins.reduce((a, b) => a + b.count, 0);
  return bins.reduce((a, b) => a + (b.count / total) * Math.abs(b.meanPredicted - b.observed), 0);
}

export function histogram(scores: readonly number[], bins = 10): number[] {
  const h = new Array<number>(bins).fill(0);
  for (const s of scores) h[Math.min(bins - 1, Math.floor(s * bins))]!++;
  return h;
}
