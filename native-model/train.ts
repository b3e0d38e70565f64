// npm run train -- --samples N --epochs E --seed S [--out DIR] [--batch B] [--lr LR]
// Trains the beacon CNN on synthetic windows and writes model.json, weights.bin and
// training-report.json. A custom loop (not model.fit) so the jitter loss can be masked to
// beacon windows: the jitter of a non-beacon is undefined, not "0".
import os from 'node:os';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend.js';
import { buildWindowSet, type WindowSet } from './dataset.js';
import { CHANNELS, WINDOW } from './features.js';
import { buildModel } from './model.js';
import { dirSaveHandler } from './model-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '80000' },
    epochs: { type: 'string', default: '6' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '128' },
    lr: { type: 'string', default: '0.003' },
    out: { type: 'string', default: path.join(here, 'model') },
  },
});
const samples = Number(args.samples);
const epochs = Number(args.epochs);
const seed = Number(args.seed);
const batch = Number(args.batch);
const lr0 = Number(args.lr);
const log = (line: string) => process.stderr.write(line + '\n');

const EPS = 1e-7;
function bce(y: tf.Tensor, p: tf.Tensor): tf.Tensor {
  const pc = tf.clipByValue(p, EPS, 1 - EPS);
  return tf.neg(tf.add(tf.mul(y, tf.log(pc)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, pc)))));
}

function slice(set: WindowSet, idx: Int32Array, from: number, to: number) {
  const n = to - from;
  const per = WINDOW * CHANNELS;
  const x = new Float32Array(n * per);
  const yb = new Float32Array(n);
  const yj = new Float32Array(n);
  const m = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = idx[from + k]!;
    x.set(set.x.subarray(i * per, (i + 1) * per), k * per);
    yb[k] = set.beacon[i]!;
    yj[k] = set.jitter[i]!;
    m[k] = set.jitterMask[i]!;
  }
  return { x: tf.tensor3d(x, [n, WINDOW, CHANNELS]), yb: tf.tensor2d(yb, [n, 1]), yj: tf.tensor2d(yj, [n, 1]), m: tf.tensor2d(m, [n, 1]) };
}

function losses(model: tf.LayersModel, b: ReturnType<typeof slice>, training: boolean) {
  const [pb, pj] = model.apply(b.x, { training }) as tf.Tensor[];
  const lossB = tf.mean(bce(b.yb, pb!));
  const lossJ = tf.div(tf.sum(tf.mul(bce(b.yj, pj!), b.m)), tf.maximum(tf.sum(b.m), 1));
  return { lossB, lossJ, pb: pb!, pj: pj! };
}

function evaluate(model: tf.LayersModel, set: WindowSet) {
  const idx = Int32Array.from({ length: set.count }, (_, i) => i);
  let lb = 0,
    lj = 0,
    accB = 0,
    accJ = 0,
    nJ = 0;
  for (let s = 0; s < set.count; s += 512) {
    const e = Math.min(set.count, s + 512);
    tf.tidy(() => {
      const b = slice(set, idx, s, e);
      const r = losses(model, b, false);
      const pb = r.pb.dataSync();
      const pj = r.pj.dataSync();
      lb += r.lossB.dataSync()[0]! * (e - s);
      for (let k = 0; k < e - s; k++) {
        accB += Number(pb[k]! > 0.5 === (set.beacon[s + k] === 1));
        if (set.jitterMask[s + k]) {
          nJ++;
          accJ += Number(pj[k]! > 0.5 === (set.jitter[s + k] === 1));
          lj += -Math.log(Math.max(EPS, set.jitter[s + k] ? pj[k]! : 1 - pj[k]!));
        }
      }
    });
  }
  return { beaconLoss: lb / set.count, jitterLoss: lj / Math.max(1, nJ), beaconAccuracy: accB / set.count, jitterAccuracy: accJ / Math.max(1, nJ) };
}

async function main() {
  const backend = await selectBackend({ forTraining: true, log });
  const t0 = Date.now();
  const train = buildWindowSet(seed, samples);
  const val = buildWindowSet(seed + 1_000_003, Math.max(2000, Math.round(samples * 0.05)));
  log(`generated ${samples} training + ${val.count} validation windows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const model = buildModel(seed);
  const optimizer = tf.train.adam(lr0);
  const rngIdx = Int32Array.from({ length: samples }, (_, i) => i);
  let shuffleState = seed >>> 0 || 1;
  const history: object[] = [];
  const steps = epochs * Math.ceil(samples / batch);
  let step = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = samples - 1; i > 0; i--) {
      shuffleState = (Math.imul(shuffleState, 1664525) + 1013904223) >>> 0;
      const j = shuffleState % (i + 1);
      [rngIdx[i], rngIdx[j]] = [rngIdx[j]!, rngIdx[i]!];
    }
    const te = Date.now();
    let sumB = 0,
      nb = 0;
    for (let s = 0; s < samples; s += batch, step++) {
      // cosine decay to 5% of the initial rate: big steps early, fine-tuning at the end
      (optimizer as unknown as { learningRate: number }).learningRate = lr0 * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / steps)));
      const b = slice(train, rngIdx, s, Math.min(samples, s + batch));
      const cost = optimizer.minimize(() => {
        const r = losses(model, b, true);
        return tf.add(r.lossB, r.lossJ) as tf.Scalar;
      }, true);
      if (nb % 50 === 0 && cost) sumB += cost.dataSync()[0]!;
      nb++;
      cost?.dispose();
      tf.dispose([b.x, b.yb, b.yj, b.m]);
    }
    const secs = (Date.now() - te) / 1000;
    const v = evaluate(model, val);
    history.push({ epoch, seconds: Math.round(secs), samplesPerSecond: Math.round(samples / secs), ...v });
    log(
      `epoch ${epoch}/${epochs}: ${secs.toFixed(0)} s (${(samples / secs).toFixed(0)} samples/s), sampled train cost ${(sumB / Math.ceil(nb / 50)).toFixed(4)}, val ${JSON.stringify(v)}`,
    );
  }
  const final = evaluate(model, val);
  await model.save(dirSaveHandler(args.out!, `beaconwatch native-model/train.ts, seed ${seed}`));
  const report = {
    command:
      `npm run train -- --samples ${samples} --epochs ${epochs} --seed ${seed}` +
      (batch !== 128 ? ` --batch ${batch}` : '') +
      (lr0 !== 0.003 ? ` --lr ${lr0}` : ''),
    seed,
    samples,
    validationSamples: val.count,
    epochs,
    batchSize: batch,
    learningRate: lr0,
    backend,
    seconds: Math.round((Date.now() - t0) / 1000),
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, tfjs: tf.version.tfjs },
    trainedAt: new Date().toISOString(),
    final,
    history,
  };
  await writeFile(path.join(args.out!, 'training-report.json'), JSON.stringify(report, null, 2) + '\n');
  log(`saved model to ${args.out} in ${report.seconds} s total`);
}

await main();
