// The wasm backend has no Conv2DBackpropFilter kernel (the filter gradient of conv1d/conv2d),
// so training on wasm fails with "Kernel 'Conv2DBackpropFilter' not registered". This is a
// JS implementation registered for wasm only; everything else stays in wasm. Inference never
// needs it. Tested against the cpu backend's kernel in conv-backprop-filter.test.ts.
import * as tf from '@tensorflow/tfjs';

export interface BackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** dW[fh, fw, in, out] = Σ over batch and output positions of x(at the tap) · dy. NHWC only. */
export function conv2dBackpropFilterValues(x: Float32Array, xShape: readonly number[], dy: Float32Array, attrs: BackpropFilterAttrs): Float32Array {
  if (attrs.dataFormat === 'NCHW') throw new Error('conv2dBackpropFilter: NCHW is not supported');
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // accumulate in doubles like the cpu kernel, so results agree to float32 rounding
  const acc = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++) {
        const dyBase = ((b * outHeight + yR) * outWidth + yC) * outChannels;
        for (let wR = 0; wR < filterHeight; wR++) {
          const xR = yR * strideHeight + wR - top;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < filterWidth; wC++) {
            const xC = yC * strideWidth + wC - left;
            if (xC < 0 || xC >= inWidth) continue;
            const xBase = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            const wBase = (wR * filterWidth + wC) * inChannels * outChannels;
            for (let d1 = 0; d1 < inChannels; d1++) {
              const xv = x[xBase + d1] as number;
              if (xv === 0) continue; // ReLU outputs and padding are mostly zeros
              const row = wBase + d1 * outChannels;
              for (let d2 = 0; d2 < outChannels; d2++) {
                acc[row + d2]! += xv * (dy[dyBase + d2] as number);
              }
            }
          }
        }
      }
    }
  }
  return Float32Array.from(acc);
}

interface WasmLikeBackend {
  readSync(dataId: object): unknown;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
}

const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const be = backend as unknown as WasmLikeBackend;
  const xVals = be.readSync(x.dataId) as Float32Array;
  const dyVals = be.readSync(dy.dataId) as Float32Array;
  const a = attrs as unknown as BackpropFilterAttrs;
  const values = conv2dBackpropFilterValues(xVals, x.shape, dyVals, a);
  return be.makeOutput([...a.filterShape], 'float32', undefined, values);
};

/** Register the JS kernel for `backendName` unless that backend already has one. */
export function ensureConv2dBackpropFilter(backendName = 'wasm'): boolean {
  if (tf.getKernel('Conv2DBackpropFilter', backendName)) return false;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName, kernelFunc });
  return true;
}
