/**
 * The kernels outside the convolutions (kernels.as.ts, last section) against the JavaScript
 * loops they replace, BIT FOR BIT (and, last, correlateAdd against its documented order): these loops compute in float64 and round once when storing,
 * and the kernels must do exactly that, or the shipped weights files would no longer come out
 * of their commands (test/engine/trajectory.test.ts). Each case runs the same values through
 * the kernel (arrays in a model's WebAssembly memory) and through the JavaScript loop (the
 * same code with ordinary arrays), then compares the raw bits. Values span many binades,
 * include ±0, subnormals, ±Infinity and lengths of every remainder, where the lane handling
 * of a kernel could go wrong.
 */
import { describe, expect, it } from 'vitest';
import { Model, Random, lenet5 } from '../../engine/index.ts';
import { Sdlm, Sgd } from '../../engine/optim.ts';
import { Arena, at, kernelsFor } from '../../engine/kernels/kernels.ts';
import { activate, activationBackward } from '../../engine/layers/activation.ts';
import { subsampleCounts, subsampleOps } from '../../engine/layers/subsample.ts';
import { rbfOps } from '../../engine/layers/rbf.ts';

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
        const slowGrads = Float32Array.from(grads); // update zeroes the gradients it was given
        // The same step in float32 arithmetic, which a naive f32x4 kernel would do: these values
        // must tell it apart, or the comparison below could not catch one.
        const single = slow.map((p, k) => Math.fround(p - Math.fround(Math.fround(Math.fround(rate) * gains[k]) * grads[k])));
        expect(kernelsFor(fast, gains, grads)).not.toBeNull();
        new Sdlm(length, 0.1, gains).update(fast, grads, rate);
        new Sdlm(length, 0.1, Float32Array.from(gains)).update(slow, slowGrads, rate);
        expect(bitDiffs(fast, slow)).toEqual([]);
        expect(bitDiffs(grads, new Float32Array(length))).toEqual([]);
        expect(bitDiffs(slowGrads, new Float32Array(length))).toEqual([]);
        if (length === n) expect(bitDiffs(single, slow).length).toBeGreaterThan(0);
      }
    }
  });

  it('SGD\'s step: axpyClear adds alpha·grad exactly as axpy, then leaves every gradient +0', () => {
    // SGD's kernel step has always been float32 (axpy, alpha = −η rounded to float32); the fused
    // one must keep axpy's bits and replace the trainer's separate grads.fill(0).
    const rng = new Random(16);
    for (const length of [n, n - 1, 1, 2, 3, 5]) {
      for (const alpha of [-0.01, -1 / 3, -7.1e-5 / 3]) {
        const arena = new Arena(4 * length);
        const start = new Float32Array(length).map(() => wide(rng));
        const grad = new Float32Array(length).map(() => wide(rng));
        const [fused, plain] = [arena.alloc(length), arena.alloc(length)];
        const [fusedGrads, plainGrads] = [arena.alloc(length), arena.alloc(length)];
        fused.set(start); plain.set(start); fusedGrads.set(grad); plainGrads.set(grad);
        const K = kernelsFor(fused, plain, fusedGrads, plainGrads)!;
        K.axpyClear(at(fused, 0), alpha, at(fusedGrads, 0), length);
        K.axpy(at(plain, 0), alpha, at(plainGrads, 0), length);
        expect(bitDiffs(fused, plain)).toEqual([]);
        expect(bitDiffs(plainGrads, Float32Array.from(grad))).toEqual([]); // axpy leaves them
        expect(bitDiffs(fusedGrads, new Float32Array(length))).toEqual([]);
        // Negative control: the step did change parameters (the comparison can see a difference).
        if (length === n) expect(bitDiffs(fused, start).length).toBeGreaterThan(0);
      }
    }
  });

  it('SGD without kernels (JavaScript loop) and with momentum also leave the gradients zeroed', () => {
    for (const momentum of [0, 0.9]) {
      const params = Float32Array.from([1, 2, 3, 4, 5]);
      const grads = Float32Array.from([0.5, -0.25, 0, 2, -1]);
      new Sgd(5, momentum).update(params, grads, 0.5);
      // First step: v = −η·g, so both forms give p − 0.5·g, exact in float32 for these values.
      expect(Array.from(params)).toEqual([0.75, 2.125, 3, 3, 5.5]);
      expect(Array.from(grads)).toEqual([0, 0, 0, 0, 0]);
    }
  });
});

/** Random float32 values with ties, ±0, NaN and ±Infinity among them (`special` of them per 100). */
function values(rng: Random, n: number, scale: number, special = 5): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rng.int(100);
    if (r < special) out[i] = [0, -0, NaN, Infinity, -Infinity][r % 5];
    else if (r < 20) out[i] = Math.round(rng.symmetric(2)); // ties for max pooling
    else out[i] = rng.symmetric(scale) * 2 ** (rng.int(12) - 6);
  }
  return out;
}

/** `n` floats in the arena holding `from`'s values (the kernels' side), and an ordinary copy (JavaScript's). */
function pair(arena: Arena, from: Float32Array): [Float32Array, Float32Array] {
  const inside = arena.alloc(from.length);
  inside.set(from);
  return [inside, Float32Array.from(from)];
}

describe('activations: the kernels compute the squash\'s tanh and ReLU exactly as activation.ts', () => {
  it.each(['squash', 'relu'] as const)('%s forward, backward and the second-order backward, every length remainder', (kind) => {
    const rng = new Random(kind === 'squash' ? 1 : 2);
    for (const n of [1, 2, 3, 4, 5, 7, 84, 1176, 4704]) {
      const arena = new Arena(8 * n);
      // Beyond ±12 the squash's tanh clamps its argument; the scale reaches there.
      const [preK, preJ] = pair(arena, values(rng, n, 16));
      const [dOutK, dOutJ] = pair(arena, values(rng, n, 1, 2));
      const outK = arena.alloc(n);
      const outJ = new Float32Array(n);
      expect(kernelsFor(preK, outK, dOutK)).not.toBeNull();
      activate(kind, preK, outK, n);
      activate(kind, preJ, outJ, n);
      expect(bitDiffs(outK, outJ)).toEqual([]);
      for (const second of [false, true]) {
        const dPreK = arena.alloc(n);
        const dPreJ = new Float32Array(n);
        activationBackward(kind, preK, outK, dOutK, dPreK, n, second);
        activationBackward(kind, preJ, outJ, dOutJ, dPreJ, n, second);
        expect(bitDiffs(dPreK, dPreJ)).toEqual([]);
      }
    }
  });

  it('squash forward on runs of equal inputs (the kernel remembers the last two), ±0 and NaN runs included', () => {
    const rng = new Random(5);
    const n = 4704;
    const arena = new Arena(2 * n);
    const [preK, preJ] = pair(arena, new Float32Array(n));
    // Runs of 1 to 12 equal values, each drawn from a small pool (so values come back after
    // others, as C1's two background sums do), from ±0, NaN, ±∞ or random.
    const pool = [0, -0, NaN, Infinity, -Infinity, ...values(rng, 6, 16, 0)];
    for (let i = 0; i < n;) {
      const v = pool[rng.int(pool.length)];
      for (let r = 1 + rng.int(12); r > 0 && i < n; r--, i++) { preK[i] = v; preJ[i] = v; }
    }
    const outK = arena.alloc(n);
    const outJ = new Float32Array(n);
    activate('squash', preK, outK, n);
    activate('squash', preJ, outJ, n);
    expect(bitDiffs(outK, outJ)).toEqual([]);
  });

  it('the test values tell a float32 squash from the double one', () => {
    const rng = new Random(3);
    const pre = values(rng, 4704, 4, 0);
    const exact = new Float32Array(pre.length);
    activate('squash', pre, exact, pre.length);
    const f = Math.fround;
    const single = pre.map((a) => f(f(1.7159) * f(Math.tanh(f(f(2 / 3) * a)))));
    expect(bitDiffs(single, exact).length).toBeGreaterThan(0);
  });
});

/** A subsampling layer on `maps`@h×w input, as the model builds it. */
function pooling(pool: 'max' | 'average' | 'trainable', maps: number, h: number, w: number, window: number, stride: number) {
  const spec = { kind: 'subsample' as const, name: 'S', pool, window, stride, activation: 'squash' as const };
  const input = { maps, height: h, width: w };
  const output = subsampleCounts(spec, input).output;
  return { ops: subsampleOps(spec, input, output), units: output.maps * output.height * output.width, inputs: maps * h * w };
}

describe('pooling: the kernels give subsample.ts\'s exact bits, winners and ties included', () => {
  it('max, average and trainable pooling of random shapes, forward and backward (first and second order)', () => {
    const rng = new Random(4);
    let cases = 0;
    // LeNet-5's own shapes (S2 6@28×28, S4 16@10×10, both pools), odd sizes whose last window
    // row or column is dropped, then random windows, strides and sizes.
    const fixed = [[6, 28, 28], [16, 10, 10], [3, 11, 9], [2, 9, 17]].flatMap(([maps, h, w]) =>
      (['max', 'average', 'trainable'] as const).map((pool) => ({ pool, maps, h, w, window: 2, stride: 2 })));
    for (let t = 0; t < fixed.length + 60; t++) {
      const window = t % 4 === 0 ? 2 + rng.int(3) : 2;
      const shape = fixed[t] ?? {
        pool: (['max', 'average', 'trainable'] as const)[t % 3], maps: 1 + rng.int(4), h: window + rng.int(12), w: window + rng.int(12),
        window, stride: t % 4 === 0 ? 1 + rng.int(window) : 2,
      };
      const { pool, h, w } = shape;
      const { ops, units, inputs } = pooling(pool, shape.maps, h, w, shape.window, shape.stride);
      const arena = new Arena(4 * inputs + 4 * units + 16);
      const [xK, xJ] = pair(arena, values(rng, inputs, 4));
      const [pK, pJ] = pair(arena, values(rng, ops.paramCount, 1, 0));
      const preK = arena.alloc(units);
      const preJ = new Float32Array(units);
      const argK = arena.allocInt32(units);
      const argJ = new Int32Array(units);
      ops.forward(pK, 0, xK, preK, pool === 'max' ? argK : null);
      ops.forward(pJ, 0, xJ, preJ, pool === 'max' ? argJ : null);
      expect(bitDiffs(preK, preJ), JSON.stringify(shape)).toEqual([]);
      expect(Array.from(argK)).toEqual(Array.from(argJ));
      const [dK, dJ] = pair(arena, values(rng, units, 1, 0));
      for (const second of [false, true]) {
        const dXK = arena.alloc(inputs);
        const dXJ = new Float32Array(inputs);
        const gK = arena.alloc(ops.paramCount);
        const gJ = new Float32Array(ops.paramCount);
        ops.backward(pK, 0, xK, dK, dXK, gK, pool === 'max' ? argK : null, second);
        ops.backward(pJ, 0, xJ, dJ, dXJ, gJ, pool === 'max' ? argJ : null, second);
        expect(bitDiffs(dXK, dXJ)).toEqual([]);
        expect(bitDiffs(gK, gJ)).toEqual([]);
      }
      cases++;
    }
    expect(cases).toBe(fixed.length + 60);
  });

  it('max pooling keeps the first of equal inputs, as the paper-era loops did', () => {
    const { ops } = pooling('max', 1, 2, 4, 2, 2);
    const arena = new Arena(64);
    const x = arena.alloc(8);
    x.set([1, 1, 0, -0, 1, 0.5, -0, 0]); // window 0: four candidates, three tied at 1; window 1: ±0 only
    const pre = arena.alloc(2);
    const argmax = arena.allocInt32(2);
    expect(kernelsFor(x, pre)).not.toBeNull();
    ops.forward(new Float32Array(0), 0, x, pre, argmax);
    expect(Array.from(argmax)).toEqual([0, 2]);
    expect(Object.is(pre[1], 0)).toBe(true); // +0 from index 2, not the −0 after it
  });
});

describe('the second-order pass\'s squares', () => {
  it('the kernel\'s float32 square is JavaScript\'s exact double square rounded once, every length remainder', () => {
    const rng = new Random(5);
    for (const n of [1, 3, 4, 7, 1024, 61_706]) {
      const arena = new Arena(2 * n);
      const [aK, aJ] = pair(arena, values(rng, n, 1e20));
      const outK = arena.alloc(n);
      kernelsFor(aK, outK)!.square(at(aK, 0), at(outK, 0), n);
      const outJ = aJ.map((v) => v * v);
      expect(bitDiffs(outK, outJ)).toEqual([]);
    }
  });
});

describe('the RBF output: the kernels add each class\'s squared distances in doubles, in rbf.ts\'s order', () => {
  it('forward, backward and second-order backward for 2 to 13 classes and inputs of every length remainder', () => {
    const rng = new Random(6);
    for (const classes of [2, 3, 4, 5, 10, 13]) {
      for (const n of [1, 2, 3, 84]) {
        // Codes need not be ±1: a spec may give any finite numbers.
        const codes = Array.from({ length: classes }, () => Array.from(values(rng, n, 2, 0)));
        const spec = { kind: 'rbf' as const, name: 'R', codes };
        const input = { maps: n, height: 1, width: 1 };
        const arena = new Arena(4 * classes * n + 8 * n + 4 * classes);
        const fast = rbfOps(spec, input, (size) => arena.alloc(size));
        const slow = rbfOps(spec, input);
        const [xK, xJ] = pair(arena, values(rng, n, 4, 0));
        const preK = arena.alloc(classes);
        const preJ = new Float32Array(classes);
        fast.forward(new Float32Array(0), 0, xK, preK, null);
        slow.forward(new Float32Array(0), 0, xJ, preJ, null);
        expect(bitDiffs(preK, preJ), `${classes} classes, ${n} inputs`).toEqual([]);
        const d = values(rng, classes, 1, 0);
        d[0] = 0; // a class the loss ignores is skipped
        const [dK, dJ] = pair(arena, d);
        for (const second of [false, true]) {
          const dXK = arena.alloc(n);
          const dXJ = new Float32Array(n);
          expect(kernelsFor(xK, dXK)).not.toBeNull();
          fast.backward(new Float32Array(0), 0, xK, dK, dXK, new Float32Array(0), null, second);
          slow.backward(new Float32Array(0), 0, xJ, dJ, dXJ, new Float32Array(0), null, second);
          expect(bitDiffs(dXK, dXJ)).toEqual([]);
        }
      }
    }
  });
});

describe('convolutions: correlateAdd forms every sum in its documented order', () => {
  // kernels.as.ts, correlateAdd: columns below x8 (outW rounded down to 8) one chain in tap order,
  // then out + chain; the other columns an even-kernel-row chain and an odd one, each in tap
  // order, then out + (even + odd); rows narrower than 4 one chain per element. Written here in
  // plain float32 steps (Math.fround after every operation), for shapes with every width
  // remainder and odd and even heights (two-column tails are packed by row pairs in the kernel).
  const f = Math.fround;
  function reference(out: Float32Array, outH: number, outW: number, inp: Float32Array, inW: number, w: Float32Array, k: number): void {
    const x8 = (outW & ~3) & ~7;
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const term = (ky: number, kx: number) => f(w[ky * k + kx] * inp[(y + ky) * inW + x + kx]);
        let sum: number;
        if (outW < 4 || x < x8) {
          sum = 0;
          for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) sum = f(sum + term(ky, kx));
        } else {
          let even = 0;
          let odd = 0;
          for (let ky = 0; ky < k; ky++) {
            for (let kx = 0; kx < k; kx++) {
              if (ky % 2 === 0) even = f(even + term(ky, kx));
              else odd = f(odd + term(ky, kx));
            }
          }
          sum = f(even + odd);
        }
        out[y * outW + x] = f(out[y * outW + x] + sum);
      }
    }
  }

  it('every output width 1–19, heights 1–12, kernels 1–5, bit for bit', () => {
    const rng = new Random(8);
    let cases = 0;
    for (let outW = 1; outW <= 19; outW++) {
      for (const outH of [1, 2, 3, 5, 9, 10, 11, 12]) {
        const k = 1 + rng.int(5);
        const inW = outW + k - 1;
        const arena = new Arena(2 * outH * outW + (outH + k) * inW + k * k + 64);
        const [outK, outJ] = pair(arena, values(rng, outH * outW, 4, 0));
        const [inpK] = pair(arena, values(rng, (outH + k - 1) * inW, 2, 0));
        const [wK] = pair(arena, values(rng, k * k, 1, 0));
        arena.kernels!.correlateAdd(at(outK, 0), outH, outW, at(inpK, 0), inW, at(wK, 0), k);
        reference(outJ, outH, outW, inpK, inW, wK, k);
        expect(bitDiffs(outK, outJ), `${outH}×${outW}, k ${k}`).toEqual([]);
        cases++;
      }
    }
    expect(cases).toBe(19 * 8);
  });
});
