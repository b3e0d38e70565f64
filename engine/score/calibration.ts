// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: "bench/fit-score.ts --train-seed 101 --train 6000, backend wasm",
  statsOnly: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts"], bias: -8.049544317676771, weights: [5.234982806963033, -2.0828619293798902, -1.4548974976940952, 4.023498713081091] },
  withCnn: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts","cnn logit x trust"], bias: -5.693205807346766, weights: [4.484027408164611, -1.8011855803896173, -1.5506848430435274, 1.7373488258084857, 5.05143183271395] },
};
