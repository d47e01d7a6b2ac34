/**
 * Fully connected layer (F6 — section II.B): each of its units computes a dot product of the
 * whole input (flattened) with its own weight vector, plus a bias.
 */
import { wholeNumber, unitsOf, type FullSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';
import { stepping, type InlineStep, type LayerOps } from './ops.ts';
import type { Random } from '../random.ts';
import { at, kernelsFor, type Kernels } from '../kernels/kernels.ts';

export function fullCounts(spec: FullSpec, input: Shape): LayerCounts {
  const units = wholeNumber(spec.name, 'units', spec.units, 1);
  const fanIn = unitsOf(input);
  const params = (fanIn + 1) * units;
  return { output: { maps: units, height: 1, width: 1 }, params, fixedParams: 0, connections: params, macs: fanIn * units };
}

/** The numerics of a full layer. Parameters: the weights unit by unit (row-major), then the biases. */
export function fullOps(spec: FullSpec, input: Shape): LayerOps {
  const n = unitsOf(input);
  const units = spec.units;
  const weightCount = n * units;

  return {
    paramCount: weightCount + units,

    init(params: Float32Array, offset: number, rng: Random): void {
      // ±2.4/Fᵢ as in the paper; ReLU units He's ±√(6/Fᵢ); a plain linear output ±√(3/Fᵢ)
      // (unit variance out for unit variance in), since ±2.4/Fᵢ would start it almost silent.
      const limit = spec.activation === 'relu' ? Math.sqrt(6 / n) : spec.activation === 'none' ? Math.sqrt(3 / n) : 2.4 / n;
      for (let i = 0; i < weightCount + units; i++) params[offset + i] = rng.symmetric(limit);
    },

    // #region full-forward
    forward(params: Float32Array, offset: number, x: Float32Array, pre: Float32Array): void {
      const K = kernelsFor(params, x, pre);
      if (K) {
        // The loop below, for all units in one WebAssembly SIMD call.
        K.dotRows(at(pre, 0), at(params, offset), at(params, offset + weightCount), at(x, 0), n, units);
        return;
      }
      for (let u = 0; u < units; u++) {
        const row = offset + u * n;
        let sum = params[offset + weightCount + u];
        for (let j = 0; j < n; j++) sum += params[row + j] * x[j];
        pre[u] = sum;
      }
    },
    // #endregion full-forward

    ...stepping(fullBackward),
  };

  // #region full-backward
  function fullBackward(params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
    grads: Float32Array, step: InlineStep | null): number {
    if (dX) dX.fill(0);
    for (let u = 0; u < units; u++) grads[offset + weightCount + u] += dPre[u];
    // The SIMD kernels when every array is in the model's WebAssembly memory (see conv.ts).
    const K = dX ? kernelsFor(params, x, dPre, grads, dX) : kernelsFor(params, x, dPre, grads);
    if (K) return rowsBackward(K, params, offset, n, units, x, dPre, dX, grads, step);
    for (let u = 0; u < units; u++) {
      const row = offset + u * n;
      const d = dPre[u];
      if (d === 0) continue; // a silent ReLU unit: nothing to add
      if (dX) {
        for (let j = 0; j < n; j++) { grads[row + j] += d * x[j]; dX[j] += d * params[row + j]; }
      } else {
        for (let j = 0; j < n; j++) grads[row + j] += d * x[j];
      }
    }
    return 0;
  }
  // #endregion full-backward
}

/**
 * The weights' part of a dense layer's backward in one kernel call (a full layer; a dense C5):
 * `count` rows of n weights from `offset`, row u feeding output unit u from the whole input x.
 * Adds each weight's gradient d[u]·x[j] (skipping silent units, d[u] = 0) and writes ∂E/∂x into
 * dX unless it is null — or, given the optimiser's `step`, moves the weights at once (ops.ts,
 * InlineStep; with SDLM only if its gains live in the same memory). Returns the weights moved.
 */
export function rowsBackward(K: Kernels, params: Float32Array, offset: number, n: number, count: number, x: Float32Array,
  dPre: Float32Array, dX: Float32Array | null, grads: Float32Array, step: InlineStep | null): number {
  const gains = step?.gains ?? null;
  const inPlace = step !== null && (gains === null || kernelsFor(params, gains) !== null);
  K.axpyRows(inPlace ? 0 : at(grads, offset), at(params, offset), at(x, 0), dX ? at(dX, 0) : 0, at(dPre, 0), n, count,
    inPlace ? -step.rate : 0, inPlace ? step.rate : 0, inPlace && gains ? at(gains, offset) : 0);
  return inPlace ? n * count : 0;
}
