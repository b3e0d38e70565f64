// Written by `node --import tsx bench/fit-score.ts`: do not edit by hand.
export interface LogisticModel {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

export const CALIBRATION: { fitted: string; statsOnly: LogisticModel; withCnn: LogisticModel } = {
  fitted: "bench/fit-score.ts --train-seed 101 --train 6000, backend wasm",
  statsOnly: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts"], bias: -7.038099788802526, weights: [4.892935817566604, -2.2259534579677753, -1.0349814796049168, 2.4121170998358035] },
  withCnn: { features: ["ln(1+timer z)","ln(1+back-off z)","rita","rita_ts","cnn logit x trust"], bias: -4.338295641824376, weights: [3.479401998158148, -1.1471823657493583, -2.179782092190719, 0.7465047928985584, 5.9038808503672815] },
};
