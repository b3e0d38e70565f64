// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: "bench/fit-score.ts --train-seed 101 --train 6000, backend wasm",
  statsOnly: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts"], bias: -8.049544317676771, weights: [5.234982806963033, -2.0828619293798902, -1.4548974976940952, 4.023498713081091] },
  withCnn: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts","cnn logit x trust(activities)"], bias: -6.113776268101068, weights: [5.071908554494549, -1.9525050970676023, -2.5588333357335507, 2.223579657634665, 2.4641260287385003] },
};
