// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: "bench/fit-score.ts --train-seed 101 --train 6000, backend wasm",
  statsOnly: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts"], bias: -7.791369028123821, weights: [5.443873468302465, -2.1839653032805226, -1.4696976546770744, 3.1710149555656653] },
  withCnn: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts","cnn logit x trust"], bias: -5.503649355923764, weights: [4.655244593943562, -1.8613231508938435, -1.3430748590465462, 0.8690594545048297, 5.539572767966963] },
};
