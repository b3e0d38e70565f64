// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: 'bench/fit-score.ts --train-seed 101 --train 6000, backend wasm',
  statsOnly: {
    features: ['ln(1+timer z)', 'rita_ts x evidence', 'back-off shape x ln(1+back-off z)', 'tightness x evidence x ln(1+regularity z)'],
    bias: -4.453072434981585,
    weights: [1.9211322560361144, 0, 1.5811202880737214, 11.560129633417286],
  },
  withCnn: {
    features: [
      'ln(1+timer z)',
      'rita_ts x evidence',
      'back-off shape x ln(1+back-off z)',
      'tightness x evidence x ln(1+regularity z)',
      'cnn logit x evidence x fixed-period shape',
    ],
    bias: -3.641011061786907,
    weights: [1.5902413308105172, 0, 1.4372948168476307, 7.666428530549744, 3.833404864638183],
  },
};
