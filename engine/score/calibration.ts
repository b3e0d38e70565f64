// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: "bench/fit-score.ts --train-seed 101 --train 6000, backend wasm",
  statsOnly: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts"], bias: -8.149139620791328, weights: [5.4124364617494045, -2.1787366281575498, -1.467191328447087, 3.9341310246251378] },
  withCnn: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts","cnn logit x trust(activities)"], bias: -6.25522305116201, weights: [5.217701736596566, -2.042450633624229, -2.49104025990003, 2.196965128873442, 2.450899001327152] },
};
