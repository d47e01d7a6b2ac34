/**
 * Euclidean RBF output layer (section II.B, eq. 7): yᵢ = Σⱼ (xⱼ − wᵢⱼ)². The weights wᵢ are
 * fixed ±1 codes — in LeNet-5 a 7×12 bitmap of each digit, hence F6's 84 units — so they are
 * counted as fixed parameters, not trainable ones. The smallest yᵢ is the network's answer.
 */
import { SpecError, unitsOf, type RbfSpec, type Shape } from '../spec.ts';
import type { LayerCounts } from './counts.ts';
import type { LayerOps } from './ops.ts';
import { at, kernelsFor } from '../kernels/kernels.ts';

export function rbfCounts(spec: RbfSpec, input: Shape): LayerCounts {
  const { name, codes } = spec;
  const length = unitsOf(input);
  if (!Array.isArray(codes) || codes.length < 2) {
    throw new SpecError(name, Array.isArray(codes) ? 'number of codes' : 'codes', Array.isArray(codes) ? codes.length : codes,
      'at least 2 (one code per class)', codes === undefined ? 'is missing' : 'is not allowed');
  }
  codes.forEach((code, i) => {
    if (!Array.isArray(code)) {
      throw new SpecError(name, `code ${i}`, code, `a list of ${length} numbers, one per unit of its input`, 'is not a list');
    }
    if (code.length !== length) {
      throw new SpecError(name, `code ${i} length`, code.length, `${length}, the number of units of its input`, 'differs from its input');
    }
    if (!code.every((w) => typeof w === 'number' && Number.isFinite(w))) {
      throw new SpecError(name, `code ${i}`, 'a non-finite entry', 'finite numbers only');
    }
  });
  const weights = codes.length * length;
  return { output: { maps: codes.length, height: 1, width: 1 }, params: 0, fixedParams: weights, connections: weights, macs: weights };
}

/**
 * The numerics of the RBF output: no trainable parameters; the codes are copied once into a
 * Float32Array. Back-propagation: ∂yᵢ/∂xⱼ = 2(xⱼ − wᵢⱼ).
 *
 * Second order: ∂²yᵢ/∂xⱼ² = 2 exactly. In the second-order pass `dPre[i]` is the weight the
 * loss gives to yᵢ's own curvature (1 for the correct class and 0 elsewhere for the paper's
 * losses, see loss.ts), so ∂²E/∂xⱼ² = 2·Σᵢ dPre[i].
 */
export function rbfOps(spec: RbfSpec, input: Shape, alloc: (size: number) => Float32Array = (size) => new Float32Array(size)): LayerOps {
  const n = unitsOf(input);
  const classes = spec.codes.length;
  // The model passes an allocator in its WebAssembly memory, where the SIMD kernels run the loops
  // below with their exact double arithmetic (two classes, or two inputs, at a time).
  const codes = alloc(classes * n);
  spec.codes.forEach((code, i) => codes.set(code, i * n));

  return {
    paramCount: 0,
    init(): void {},

    // #region rbf-forward
    forward(_params: Float32Array, _offset: number, x: Float32Array, pre: Float32Array): void {
      const K = kernelsFor(x, codes, pre);
      if (K) {
        K.rbfForward(at(x, 0), at(codes, 0), at(pre, 0), n, classes);
        return;
      }
      for (let i = 0; i < classes; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) { const e = x[j] - codes[i * n + j]; sum += e * e; }
        pre[i] = sum;
      }
    },
    // #endregion rbf-forward

    backward(_params: Float32Array, _offset: number, x: Float32Array, dPre: Float32Array, dX: Float32Array | null,
      _grads: Float32Array, _argmax: Int32Array | null, secondOrder: boolean): void {
      if (!dX) return;
      if (secondOrder) {
        let weight = 0;
        for (let i = 0; i < classes; i++) weight += dPre[i];
        dX.fill(2 * weight, 0, n);
        return;
      }
      dX.fill(0, 0, n);
      const K = kernelsFor(x, codes, dX);
      for (let i = 0; i < classes; i++) {
        const d = 2 * dPre[i];
        if (d === 0) continue;
        if (K) K.rbfBackwardAdd(at(x, 0), at(codes, i * n), at(dX, 0), n, d);
        else for (let j = 0; j < n; j++) dX[j] += d * (x[j] - codes[i * n + j]);
      }
    },
  };
}
