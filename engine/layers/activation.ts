/**
 * The unit non-linearities (section II.A and appendix A). The paper's squashing function is a
 * scaled hyperbolic tangent f(a) = A·tanh(S·a) with A = 1.7159 and S = 2/3, chosen so that
 * f(1) ≈ 1 and f(−1) ≈ −1: the ±1 targets then sit where the curve bends most, and the gain
 * near 0 is about 1.
 */
import type { Activation } from '../spec.ts';
import { at, kernelsFor } from '../kernels/kernels.ts';

// #region squash
export const SQUASH_A = 1.7159;
export const SQUASH_S = 2 / 3;

export function squash(a: number): number {
  return SQUASH_A * tanh(SQUASH_S * a);
}
// #endregion squash

/**
 * tanh as a rational function (the float approximation of the Eigen library): within 3·10⁻⁷
 * of Math.tanh everywhere — below float32's resolution near ±1 — and about twice as fast,
 * which matters with 8,000 squashing units per LeNet-5 forward pass.
 */
export function tanh(x: number): number {
  if (x > 7.90531110763549805) x = 7.90531110763549805;
  else if (x < -7.90531110763549805) x = -7.90531110763549805;
  const x2 = x * x;
  let p = x2 * -2.76076847742355e-16 + 2.00018790482477e-13;
  p = x2 * p - 8.60467152213735e-11;
  p = x2 * p + 5.12229709037114e-8;
  p = x2 * p + 1.48572235717979e-5;
  p = x2 * p + 6.37261928875436e-4;
  p = x2 * p + 4.89352455891786e-3;
  let q = x2 * 1.19825839466702e-6 + 1.18534705686654e-4;
  q = x2 * q + 2.268434632439e-3;
  q = x2 * q + 4.89352518554385e-3;
  return (x * p) / q;
}

/**
 * out[i] = f(pre[i]) for the first n units. For 'none' the model makes out and pre the same buffer.
 * In the model's memory the squash and ReLU run as SIMD kernels that compute exactly what these
 * loops do — the squash's tanh above, operation for operation in doubles — so both give the same
 * bits. The sigmoid stays here: Math.exp cannot be reproduced bit for bit in WebAssembly.
 */
export function activate(kind: Activation, pre: Float32Array, out: Float32Array, n: number): void {
  const K = kind === 'squash' || kind === 'relu' ? kernelsFor(pre, out) : null;
  if (kind === 'squash') {
    if (K) K.squashForward(at(pre, 0), at(out, 0), n, SQUASH_A, SQUASH_S);
    else for (let i = 0; i < n; i++) out[i] = SQUASH_A * tanh(SQUASH_S * pre[i]);
  } else if (kind === 'relu') {
    if (K) K.reluForward(at(pre, 0), at(out, 0), n);
    else for (let i = 0; i < n; i++) out[i] = pre[i] > 0 ? pre[i] : 0;
  } else if (kind === 'sigmoid') {
    for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-pre[i]));
  } else if (out !== pre) {
    out.set(pre.subarray(0, n));
  }
}

/**
 * dPre = dOut · f′(pre), or with `secondOrder` dPre = dOut · f′(pre)² (the Gauss–Newton
 * approximation drops the f″ term, appendix C). The squash's derivative is read from its output:
 * f′(a) = A·S·(1 − tanh²(S·a)) = (S/A)·(A² − f(a)²), which saves a second tanh.
 */
// #region squash-backward
export function activationBackward(kind: Activation, pre: Float32Array, out: Float32Array, dOut: Float32Array,
  dPre: Float32Array, n: number, secondOrder: boolean): void {
  const K = kind === 'squash' || kind === 'relu' ? kernelsFor(pre, out, dOut, dPre) : null;
  if (kind === 'squash') {
    const k = SQUASH_S / SQUASH_A;
    const aa = SQUASH_A * SQUASH_A;
    if (K) K.squashBackward(at(out, 0), at(dOut, 0), at(dPre, 0), n, k, aa, secondOrder);
    else if (secondOrder) {
      for (let i = 0; i < n; i++) { const d = k * (aa - out[i] * out[i]); dPre[i] = dOut[i] * d * d; }
    } else {
      for (let i = 0; i < n; i++) dPre[i] = dOut[i] * k * (aa - out[i] * out[i]);
    }
  } else if (kind === 'relu') {
    if (K) K.reluBackward(at(pre, 0), at(dOut, 0), at(dPre, 0), n);
    else for (let i = 0; i < n; i++) dPre[i] = pre[i] > 0 ? dOut[i] : 0;
  } else if (kind === 'sigmoid') {
    // σ′(a) = σ(a)(1 − σ(a)), read from the output.
    for (let i = 0; i < n; i++) { const d = out[i] * (1 - out[i]); dPre[i] = dOut[i] * (secondOrder ? d * d : d); }
  } else if (dPre !== dOut) {
    dPre.set(dOut.subarray(0, n));
  }
}
// #endregion squash-backward
