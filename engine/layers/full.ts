/**
 * Fully connected layer (F6 — section II.B): each of its units computes a dot product of the
 * whole input (flattened) with its own weight vector, plus a bias.
 */
import { wholeNumber, unitsOf, type FullSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';
import type { LayerOps } from './ops.ts';
import type { Random } from '../random.ts';
import { at, kernelsFor } from '../kernels/kernels.ts';

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
      for (let u = 0; u < units; u++) {
        const row = offset + u * n;
        let sum = params[offset + weightCount + u];
        if (K) sum += K.dot(at(params, row), at(x, 0), n);
        else for (let j = 0; j < n; j++) sum += params[row + j] * x[j];
        pre[u] = sum;
      }
    },
    // #endregion full-forward

    // #region full-backward
    backward(params: Float32Array, offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
      grads: Float32Array): void {
      if (dX) dX.fill(0);
      // The SIMD kernels when every array is in the model's WebAssembly memory (see conv.ts).
      const K = dX ? kernelsFor(params, x, grads, dX) : kernelsFor(params, x, grads);
      for (let u = 0; u < units; u++) {
        const row = offset + u * n;
        const d = dPre[u];
        grads[offset + weightCount + u] += d;
        if (d === 0) continue; // a silent ReLU unit: nothing to add
        if (K) {
          K.axpy(at(grads, row), d, at(x, 0), n);
          if (dX) K.axpy(at(dX, 0), d, at(params, row), n);
        } else if (dX) {
          for (let j = 0; j < n; j++) { grads[row + j] += d * x[j]; dX[j] += d * params[row + j]; }
        } else {
          for (let j = 0; j < n; j++) grads[row + j] += d * x[j];
        }
      }
    },
    // #endregion full-backward
  };
}
