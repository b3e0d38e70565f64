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
    bias: -4.1013474751678105,
    weights: [1.5800972441672763, 0, 1.8149820846152382, 13.27900444874419],
  },
  withCnn: {
    features: [
      'ln(1+timer z)',
      'rita_ts x evidence',
      'back-off shape x ln(1+back-off z)',
      'min(0.5, tightness x evidence x ln(1+tail z))',
      'cnn logit x evidence x fixed-period shape',
    ],
    bias: -3.2451171242707053,
    weights: [1.1545763825648687, 0, 1.7248530304190632, 9.159280787932575, 3.7671896639238054],
  },
};
