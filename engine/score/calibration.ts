// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: 'bench/fit-score.ts --train-seed 101 --train 6000, backend wasm',
  statsOnly: {
    features: ['ln(1+timer z)', 'rita_ts x evidence', 'back-off shape x ln(1+back-off z)', 'min(0.5, tightness x evidence x ln(1+tail z))'],
    bias: -4.1111098384367315,
    weights: [1.5802317630000915, 0, 1.8224988115893614, 13.189931337615619],
  },
  withCnn: {
    features: [
      'ln(1+timer z)',
      'rita_ts x evidence',
      'back-off shape x ln(1+back-off z)',
      'min(0.5, tightness x evidence x ln(1+tail z))',
      'cnn logit x evidence x fixed-period shape',
    ],
    bias: -3.252453228986208,
    weights: [1.1450284941221696, 0, 1.7404973318398342, 9.140899378316883, 3.759658643926735],
  },
};
