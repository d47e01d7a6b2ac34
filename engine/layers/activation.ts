/**
 * The unit non-linearities (section II.A and appendix A). The paper's squashing function is a
 * scaled hyperbolic tangent f(a) = A·tanh(S·a) with A = 1.7159 and S = 2/3, chosen so that
 * f(1) ≈ 1 and f(−1) ≈ −1: the ±1 targets then sit where the curve bends most, and the gain
 * near 0 is about 1.
 */
import type { Activation } from '../spec.ts';

export const SQUASH_A = 1.7159;
export const SQUASH_S = 2 / 3;

export function squash(a: number): number {
  return SQUASH_A * Math.tanh(SQUASH_S * a);
}

/** out[i] = f(pre[i]) for the first n units. For 'none' the model makes out and pre the same buffer. */
export function activate(kind: Activation, pre: Float32Array, out: Float32Array, n: number): void {
  if (kind === 'squash') {
    for (let i = 0; i < n; i++) out[i] = SQUASH_A * Math.tanh(SQUASH_S * pre[i]);
  } else if (kind === 'relu') {
    for (let i = 0; i < n; i++) out[i] = pre[i] > 0 ? pre[i] : 0;
  } else if (out !== pre) {
    out.set(pre.subarray(0, n));
  }
}

/**
 * dPre = dOut · f′(pre), or with `secondOrder` dPre = dOut · f′(pre)² (the Gauss–Newton
 * approximation drops the f″ term, appendix C). The squash's derivative is read from its output:
 * f′(a) = A·S·(1 − tanh²(S·a)) = (S/A)·(A² − f(a)²), which saves a second tanh.
 */
export function activationBackward(kind: Activation, pre: Float32Array, out: Float32Array, dOut: Float32Array,
  dPre: Float32Array, n: number, secondOrder: boolean): void {
  if (kind === 'squash') {
    const k = SQUASH_S / SQUASH_A;
    const aa = SQUASH_A * SQUASH_A;
    if (secondOrder) {
      for (let i = 0; i < n; i++) { const d = k * (aa - out[i] * out[i]); dPre[i] = dOut[i] * d * d; }
    } else {
      for (let i = 0; i < n; i++) dPre[i] = dOut[i] * k * (aa - out[i] * out[i]);
    }
  } else if (kind === 'relu') {
    for (let i = 0; i < n; i++) dPre[i] = pre[i] > 0 ? dOut[i] : 0;
  } else if (dPre !== dOut) {
    dPre.set(dOut.subarray(0, n));
  }
}
