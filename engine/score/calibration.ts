// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: 'bench/fit-score.ts --train-seed 101 --train 6000, backend wasm',
  statsOnly: {
    features: ['ln(1+timer z)', 'rita_ts x evidence', 'back-off shape x ln(1+back-off z)'],
    bias: -4.847233417867498,
    weights: [2.706592713889609, 1.4147179749293128, 0.5718768315033605],
  },
  withCnn: {
    features: ['ln(1+timer z)', 'rita_ts x evidence', 'back-off shape x ln(1+back-off z)', 'cnn logit x evidence x fixed-period shape'],
    bias: -2.2604012652715597,
    weights: [0.27123612866460023, 0, 2.2195913896584663, 7.896268996270258],
  },
};
