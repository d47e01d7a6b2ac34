/**
 * Subsampling layer (S2, S4 — section II.B). In the paper's `trainable` kind the inputs of
 * each window are *summed*, multiplied by one trainable coefficient per map, a trainable bias
 * per map is added, and the result goes through the squashing function: 2 parameters per
 * map. `average` and `max` pooling are the parameter-free modern alternatives.
 */
import { SpecError, wholeNumber, type Shape, type SubsampleSpec } from '../spec.ts';
import type { LayerCounts } from './counts.ts';
import type { LayerOps } from './ops.ts';
import type { Random } from '../random.ts';
import { at, kernelsFor, type Kernels } from '../kernels/kernels.ts';

export const POOLS = ['trainable', 'average', 'max'] as const;

export function subsampleCounts(spec: SubsampleSpec, input: Shape): LayerCounts {
  const name = spec.name;
  if (!POOLS.includes(spec.pool)) {
    throw new SpecError(name, 'pool', spec.pool, POOLS.join(', '), spec.pool === undefined ? 'is missing' : 'is not allowed');
  }
  const smaller = Math.min(input.height, input.width);
  const window = wholeNumber(name, 'window size', spec.window, 1);
  if (window > smaller) {
    throw new SpecError(name, 'window size', window, `1 to ${smaller}`,
      `is larger than the input ${input.height}×${input.width}`);
  }
  const stride = wholeNumber(name, 'stride', spec.stride ?? window, 1);
  const height = Math.floor((input.height - window) / stride) + 1;
  const width = Math.floor((input.width - window) / stride) + 1;
  const units = input.maps * height * width;
  const trainable = spec.pool === 'trainable';
  return {
    output: { maps: input.maps, height, width },
    params: trainable ? 2 * input.maps : 0,
    fixedParams: 0,
    // Each unit sees its window, and in the paper's kind the bias too: (2·2+1) per unit for S2.
    connections: (window * window + (trainable ? 1 : 0)) * units,
    // One multiplication per unit (by the coefficient, or by 1/window² to average); max only compares.
    macs: spec.pool === 'max' ? 0 : units,
  };
}

/**
 * The numerics of subsampling. For the paper's `trainable` kind the parameters are one
 * coefficient per map, then one bias per map: pre = coefficient·(sum of the window) + bias.
 * `average` multiplies the sum by 1/window² instead; `max` keeps the largest input and records
 * which one won (in the trace's `argmax`), so back-propagation can route the gradient to it.
 */
export function subsampleOps(spec: SubsampleSpec, input: Shape, output: Shape): LayerOps {
  const win = spec.window;
  const stride = spec.stride ?? win;
  const maps = input.maps;
  const inW = input.width;
  const inHW = input.height * inW;
  const outH = output.height;
  const outW = output.width;
  const outHW = outH * outW;
  const pool = spec.pool;
  const trainable = pool === 'trainable';
  const inv = 1 / (win * win);
  // LeNet-5's own case, 2×2 windows two apart summed (S2, S4), has its own straight loops.
  const pairs = win === 2 && stride === 2 && pool !== 'max';

  return {
    paramCount: trainable ? 2 * maps : 0,

    init(params: Float32Array, offset: number, rng: Random): void {
      if (!trainable) return;
      // Each unit sees window² inputs through its coefficient: fan-in window² (±0.6 for 2×2).
      const limit = spec.activation === 'relu' ? Math.sqrt(6 / (win * win)) : 2.4 / (win * win);
      for (let i = 0; i < 2 * maps; i++) params[offset + i] = rng.symmetric(limit);
    },

    forward(params: Float32Array, offset: number, x: Float32Array, pre: Float32Array, argmax: Int32Array | null): void {
      // In the model's memory the SIMD kernels compute what the loops below do, bit for bit:
      // max pooling only compares and copies; the sums of the windows are added in doubles.
      const K = kernelsFor(x, pre);
      if (K && pool === 'max' && argmax!.buffer === pre.buffer) {
        K.maxPoolForward(at(x, 0), at(pre, 0), at(argmax!, 0), maps, inW, inHW, outH, outW, win, stride);
        return;
      }
      for (let m = 0; m < maps; m++) {
        const coefficient = trainable ? params[offset + m] : inv;
        const bias = trainable ? params[offset + maps + m] : 0;
        if (pairs && K) {
          K.pool2Forward(at(x, m * inHW), at(pre, m * outHW), inW, outH, outW, coefficient, bias);
          continue;
        }
        if (pairs) {
          pool2Forward(x, pre, m * inHW, m * outHW, inW, outH, outW, coefficient, bias);
          continue;
        }
        for (let oy = 0; oy < outH; oy++) {
          for (let ox = 0; ox < outW; ox++) {
            const u = m * outHW + oy * outW + ox;
            const first = m * inHW + oy * stride * inW + ox * stride;
            if (pool === 'max') {
              let best = first;
              for (let wy = 0; wy < win; wy++) {
                for (let wx = 0; wx < win; wx++) if (x[first + wy * inW + wx] > x[best]) best = first + wy * inW + wx;
              }
              pre[u] = x[best];
              argmax![u] = best;
            } else {
              let sum = 0;
              for (let wy = 0; wy < win; wy++) for (let wx = 0; wx < win; wx++) sum += x[first + wy * inW + wx];
              pre[u] = coefficient * sum + bias;
            }
          }
        }
      }
    },

    backward(params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
      grads: Float32Array, argmax: Int32Array | null, secondOrder: boolean): void {
      if (dX) dX.fill(0);
      if (pool === 'max') {
        if (dX) maxPoolBackward(dPre, argmax!, dX, kernelsFor(dPre, dX));
        return;
      }
      // The average's fixed weight 1/window² is squared for the second-order pass; the trainable
      // coefficient arrives already squared with the other parameters.
      const fixed = secondOrder ? inv * inv : inv;
      const K = pairs ? (dX ? kernelsFor(x, dPre, dX, grads) : kernelsFor(x, dPre, grads)) : null;
      for (let m = 0; m < maps; m++) {
        const coefficient = trainable ? params[offset + m] : fixed;
        if (K) {
          K.pool2Backward(at(x, m * inHW), at(dPre, m * outHW), dX ? at(dX, m * inHW) : 0, dX !== null, inW, outH, outW, coefficient,
            trainable ? at(grads, offset + m) : 0, trainable ? at(grads, offset + maps + m) : 0);
          continue;
        }
        let dc = 0;
        let db = 0;
        if (pairs) {
          dc = pool2Backward(x, dPre, dX, m * inHW, m * outHW, inW, outH, outW, coefficient);
          for (let u = m * outHW; u < (m + 1) * outHW; u++) db += dPre[u];
        } else for (let oy = 0; oy < outH; oy++) {
          for (let ox = 0; ox < outW; ox++) {
            const u = m * outHW + oy * outW + ox;
            const d = dPre[u];
            const first = m * inHW + oy * stride * inW + ox * stride;
            let sum = 0;
            for (let wy = 0; wy < win; wy++) {
              for (let wx = 0; wx < win; wx++) {
                sum += x[first + wy * inW + wx];
                if (dX) dX[first + wy * inW + wx] += coefficient * d;
              }
            }
            dc += d * sum;
            db += d;
          }
        }
        if (trainable) {
          grads[offset + m] += dc;
          grads[offset + maps + m] += db;
        }
      }
    },
  };
}

/** Max pooling's backward: each unit's ∂E/∂pre goes to its window's winner (dX zeroed before). */
function maxPoolBackward(dPre: Float32Array, argmax: Int32Array, dX: Float32Array, K: Kernels | null): void {
  if (K && argmax.buffer === dX.buffer) K.maxPoolBackward(at(dPre, 0), at(argmax, 0), at(dX, 0), dPre.length);
  else for (let u = 0; u < dPre.length; u++) dX[argmax[u]] += dPre[u];
}

// #region subsample-forward
/** pre = coefficient · (sum of each 2×2 window, windows two apart) + bias, for one map. */
function pool2Forward(x: Float32Array, pre: Float32Array, inBase: number, outBase: number, inW: number, outH: number, outW: number,
  coefficient: number, bias: number): void {
  for (let oy = 0; oy < outH; oy++) {
    const r0 = inBase + 2 * oy * inW;
    const r1 = r0 + inW;
    const o = outBase + oy * outW;
    for (let ox = 0; ox < outW; ox++) {
      const i = 2 * ox;
      pre[o + ox] = coefficient * (x[r0 + i] + x[r0 + i + 1] + x[r1 + i] + x[r1 + i + 1]) + bias;
    }
  }
}
// #endregion subsample-forward

// #region subsample-backward
/** Writes ∂E/∂x of one map (each input gets coefficient·d of its window) and returns ∂E/∂coefficient. */
function pool2Backward(x: Float32Array, dPre: Float32Array, dX: Float32Array | null, inBase: number, outBase: number, inW: number,
  outH: number, outW: number, coefficient: number): number {
  let dc = 0;
  for (let oy = 0; oy < outH; oy++) {
    const r0 = inBase + 2 * oy * inW;
    const r1 = r0 + inW;
    const o = outBase + oy * outW;
    for (let ox = 0; ox < outW; ox++) {
      const i = 2 * ox;
      const d = dPre[o + ox];
      dc += d * (x[r0 + i] + x[r0 + i + 1] + x[r1 + i] + x[r1 + i + 1]);
      if (dX) {
        const g = coefficient * d;
        dX[r0 + i] += g; dX[r0 + i + 1] += g; dX[r1 + i] += g; dX[r1 + i + 1] += g;
      }
    }
  }
  return dc;
}
// #endregion subsample-backward
