// A small seeded PRNG (mulberry32): the demo day and generated test logs are the same every run.
// One generator in the engine: the null model's (engine/score/null-model.ts).
export { mulberry32 as seededRandom } from '../score/null-model.js';
