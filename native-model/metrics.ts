// Binary-classification metrics for the evaluation (no dependency needed for these few).

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties counted half. */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!] === 1) {
        pos++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Threshold that lets at most `fpr` of the negatives through (strictly above it). */
export function thresholdAtFpr(scores: readonly number[], labels: readonly number[], fpr: number): number {
  const neg = scores.filter((_, i) => labels[i] !== 1).sort((a, b) => b - a);
  const allowed = Math.floor(fpr * neg.length);
  return neg[allowed] ?? -Infinity;
}

export function recallAbove(scores: readonly number[], labels: readonly number[], threshold: number): number {
  let pos = 0;
  let hit = 0;
  scores.forEach((s, i) => {
    if (labels[i] === 1) {
      pos++;
      if (s > threshold) hit++;
    }
  });
  return pos ? hit / pos : NaN;
}

export function recallAtFpr(scores: readonly number[], labels: readonly number[], fpr: number) {
  const threshold = thresholdAtFpr(scores, labels, fpr);
  return { threshold, recall: recallAbove(scores, labels, threshold) };
}

/** [[TN, FP], [FN, TP]] at a threshold. */
export function confusion(scores: readonly number[], labels: readonly number[], threshold = 0.5) {
  const m = [
    [0, 0],
    [0, 0],
  ] as [[number, number], [number, number]];
  scores.forEach((s, i) => {
    m[labels[i] === 1 ? 1 : 0][s > threshold ? 1 : 0]++;
  });
  return m;
}
