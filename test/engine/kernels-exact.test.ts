/**
 * The kernels outside the convolutions (kernels.as.ts, last section) against the JavaScript
 * loops they replace, BIT FOR BIT: these loops compute in float64 and round once when storing,
 * and the kernels must do exactly that, or the shipped weights files would no longer come out
 * of their commands (test/engine/trajectory.test.ts). Each case runs the same values through
 * the kernel (arrays in a model's WebAssembly memory) and through the JavaScript loop (the
 * same code with ordinary arrays), then compares the raw bits. Values span many binades,
 * include ±0, subnormals, ±Infinity and lengths of every remainder, where the lane handling
 * of a kernel could go wrong.
 */
import { describe, expect, it } from 'vitest';
import { Model, Random, lenet5 } from '../../engine/index.ts';
import { Sdlm } from '../../engine/optim.ts';
import { kernelsFor } from '../../engine/kernels/kernels.ts';

/** Indices where the two arrays differ in any bit (NaNs of any payload count as equal). */
function bitDiffs(a: Float32Array, b: Float32Array): number[] {
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (ua[i] !== ub[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) out.push(i);
  return out;
}

/** A float from many binades (2⁻³⁰ … 2¹⁰), either sign, with a few special values mixed in. */
function wide(rng: Random): number {
  const r = rng.int(40);
  if (r === 0) return 0;
  if (r === 1) return -0;
  if (r === 2) return 1e-41; // subnormal
  return rng.symmetric(1) * 2 ** (rng.int(40) - 30);
}

const model = new Model(lenet5(), 1);
const n = model.paramCount;

describe('kernels outside the convolutions give the JavaScript loops\' exact bits', () => {
  it('SDLM\'s update: params −= rate·gain·grad, for every length remainder and odd rates', () => {
    const rng = new Random(15);
    for (const length of [n, n - 1, 1, 2, 3, 5]) {
      for (const rate of [0.0002, 1 / 3, 7.1e-5 / 3]) {
        const fast = model.params.subarray(0, length);
        const gains = model.paramFactors.subarray(0, length);
        const grads = model.gradients.subarray(0, length);
        for (let k = 0; k < length; k++) { fast[k] = wide(rng); gains[k] = 1 / (0.1 + Math.abs(wide(rng))); grads[k] = wide(rng); }
        const slow = Float32Array.from(fast);
        // The same step in float32 arithmetic, which a naive f32x4 kernel would do: these values
        // must tell it apart, or the comparison below could not catch one.
        const single = slow.map((p, k) => Math.fround(p - Math.fround(Math.fround(Math.fround(rate) * gains[k]) * grads[k])));
        expect(kernelsFor(fast, gains, grads)).not.toBeNull();
        new Sdlm(length, 0.1, gains).update(fast, grads, rate);
        new Sdlm(length, 0.1, Float32Array.from(gains)).update(slow, Float32Array.from(grads), rate);
        expect(bitDiffs(fast, slow)).toEqual([]);
        if (length === n) expect(bitDiffs(single, slow).length).toBeGreaterThan(0);
      }
    }
  });
});
