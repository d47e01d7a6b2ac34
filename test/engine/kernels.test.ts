/**
 * The WebAssembly SIMD kernels against the JavaScript loops they replace: same networks, same
 * weights, same input — every activation, every gradient and every input gradient must agree
 * up to float32 rounding (the kernels add in another order). Random shapes cover rows of every
 * width modulo 4 (the kernels' overlapping last vector) and rows narrower than 4. That the
 * kernels keep their OWN order bit for bit, release after release, is trajectory.test.ts's job:
 * summing one kernel row's taps backwards passes every test here and fails all its digests.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Model, Random, lenet5, type LayerSpec, type NetworkSpec } from '../../engine/index.ts';
import { at, kernelsFor } from '../../engine/kernels/kernels.ts';
import { randomInput } from './helpers.ts';

/** A random stride-1 network: convolutions (some with a connection table), then a full layer. */
function randomSpec(rng: Random): NetworkSpec {
  const size = 4 + rng.int(29);
  const channels = 1 + rng.int(3);
  const layers: LayerSpec[] = [];
  let side = size;
  let maps = channels;
  for (let i = 0; i < 1 + rng.int(2) && side > 1; i++) {
    const kernel = 1 + rng.int(Math.min(6, side));
    const out = 1 + rng.int(5);
    const table = rng.int(2) === 0 ? undefined : Array.from({ length: out }, () => {
      const row = Array.from({ length: maps }, (_, m) => m).filter(() => rng.int(2) === 0);
      return row.length > 0 ? row : [rng.int(maps)];
    });
    layers.push({ kind: 'conv', name: `C${i}`, maps: out, kernel, activation: 'squash', ...(table ? { table } : {}) });
    side = side - kernel + 1;
    maps = out;
  }
  layers.push({ kind: 'full', name: 'F', units: 1 + rng.int(9), activation: 'squash' });
  return { input: { size, channels }, layers };
}

interface Pass { outputs: Float32Array[]; grads: Float32Array; inputGradient: Float32Array }

/** Forward and backward through `model` with gradients where its own kernels can write them. */
function run(model: Model, input: Float32Array, dOutput: Float32Array): Pass {
  const trace = model.forward(input);
  const grads = model.gradients;
  grads.fill(0);
  model.backward(trace, dOutput, grads);
  // ∂E/∂input of the first layer is not kept; the second layer's input gradient is the first's output one.
  const inputGradient = Float32Array.from((model as unknown as { dOut: Float32Array[] }).dOut[0]);
  return { outputs: trace.layers.map((l) => Float32Array.from(l.out)), grads: Float32Array.from(grads), inputGradient };
}

/** The largest difference between two arrays relative to the larger of their largest entries. */
function mismatch(a: Float32Array, b: Float32Array): number {
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]), Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}

function compare(spec: NetworkSpec, seed: number, nudge = 0): number {
  const fast = new Model(spec, seed);
  const slow = new Model(spec, seed, { kernels: false });
  expect(fast.usesKernels).toBe(true);
  expect(slow.usesKernels).toBe(false);
  if (nudge) slow.params[slow.paramCount >> 1] += nudge;
  const input = randomInput(fast, seed);
  const rng = new Random(seed + 1);
  const dOutput = Float32Array.from({ length: fast.outputUnits }, () => rng.symmetric(1));
  const a = run(fast, input, dOutput);
  const b = run(slow, input, dOutput);
  let worst = Math.max(mismatch(a.grads, b.grads), mismatch(a.inputGradient, b.inputGradient));
  a.outputs.forEach((out, i) => { worst = Math.max(worst, mismatch(out, b.outputs[i])); });
  return worst;
}

describe('WebAssembly SIMD kernels', () => {
  it('the committed binary is what kernels.as.ts compiles to', () => {
    expect(execFileSync(process.execPath, ['scripts/build-kernels.mjs', '--check'], { encoding: 'utf8' })).toMatch(/matches/);
  });

  it('a model runs on them by default, keeps its arrays in their memory, and can be told not to', () => {
    const model = new Model(lenet5(), 1);
    expect(model.usesKernels).toBe(true);
    expect(kernelsFor(model.params, model.trace.input, model.gradients)).not.toBeNull();
    // Its own trace and four more fit in its memory; a fifth extra trace is an ordinary array.
    const inMemory = (t: ReturnType<Model['newTrace']>) => t.layers.every((l) => kernelsFor(model.params, l.pre, l.out) !== null);
    const extra = Array.from({ length: 5 }, () => model.newTrace());
    expect([model.trace, ...extra].map(inMemory)).toEqual([true, true, true, true, true, false]);
    // An ordinary array is outside: that layer call takes the JavaScript loops.
    expect(kernelsFor(model.params, new Float32Array(model.paramCount))).toBeNull();
    const plain = new Model(lenet5(), 1, { kernels: false });
    expect(plain.usesKernels).toBe(false);
    expect(kernelsFor(plain.params, plain.gradients)).toBeNull();
  });

  it('LeNet-5: activations, gradients and input gradients agree with the JavaScript loops', () => {
    expect(compare(lenet5(), 3)).toBeLessThan(1e-5);
  });

  it('150 random stride-1 networks (widths 1 to 32, kernels 1 to 6, tables) agree with the JavaScript loops', () => {
    const rng = new Random(2026);
    for (let i = 0; i < 150; i++) {
      const spec = randomSpec(rng);
      expect(compare(spec, i + 1), JSON.stringify(spec)).toBeLessThan(1e-5);
    }
  });

  it('dense 1×1 layers (C5\'s one-call path) agree: first layer or not, 1 to 9 units, dot lengths not multiples of 4 or 8', () => {
    // n = maps·k·k: 3·3·3 = 27 (scalar tail after 3 vectors), 2·5·5 = 50, 1·4·4 = 16, 1·1·1 = 1.
    const shapes: [number, number, number, number][] = [[3, 3, 9, 5], [2, 5, 4, 7], [1, 4, 1, 3], [1, 1, 6, 2]];
    for (const [channels, kernel, units, next] of shapes) {
      const first: NetworkSpec = {
        input: { size: kernel, channels },
        layers: [{ kind: 'conv', name: 'C', maps: units, kernel, activation: 'squash' },
          { kind: 'full', name: 'F', units: next, activation: 'squash' }],
      };
      const later: NetworkSpec = {
        input: { size: kernel + 2, channels },
        layers: [{ kind: 'conv', name: 'A', maps: channels, kernel: 3, activation: 'relu' },
          { kind: 'conv', name: 'C', maps: units, kernel, activation: 'squash' },
          { kind: 'full', name: 'F', units: next, activation: 'squash' }],
      };
      expect(compare(first, units), JSON.stringify(first)).toBeLessThan(1e-5);
      expect(compare(later, units), JSON.stringify(later)).toBeLessThan(1e-5);
    }
  });

  it('layers the one-call-per-map kernels cannot take (a table row not increasing, 33 input maps) agree too', () => {
    // These go through one kernel call per connection, in the table's own order.
    const unordered: NetworkSpec = {
      input: { size: 12, channels: 3 },
      layers: [{ kind: 'conv', name: 'C', maps: 3, kernel: 5, table: [[2, 0, 1], [1], [0, 2]], activation: 'squash' },
        { kind: 'full', name: 'F', units: 4, activation: 'squash' }],
    };
    const wide: NetworkSpec = {
      input: { size: 9, channels: 1 },
      layers: [{ kind: 'conv', name: 'A', maps: 33, kernel: 3, activation: 'squash' },
        { kind: 'conv', name: 'C', maps: 2, kernel: 2, activation: 'squash' },
        { kind: 'full', name: 'F', units: 3, activation: 'squash' }],
    };
    expect(compare(unordered, 5)).toBeLessThan(1e-5);
    expect(compare(wide, 6)).toBeLessThan(1e-5);
  });

  it('negative control: one weight off by 0.001 on one side is caught', () => {
    expect(compare(lenet5(), 3, 1e-3)).toBeGreaterThan(1e-5);
  });
});

// convolveFullAdd's documented sum for every dx element, in float32 (Math.fround after each
// operation): from its value, first the terms w·d with d column x < vecW (outW rounded down to 4)
// in tap order (ky, kx), then those with x ≥ vecW in tap order.
function convolveFullAddInOrder(dx: Float32Array, inW: number, d: Float32Array, outH: number, outW: number,
  w: Float32Array, k: number): void {
  const f = Math.fround;
  const vecW = outW & ~3;
  for (const [from, to] of [[0, vecW], [vecW, outW]]) {
    for (let ky = 0; ky < k; ky++) {
      for (let kx = 0; kx < k; kx++) {
        for (let y = 0; y < outH; y++) {
          for (let x = from; x < to; x++) {
            const i = (y + ky) * inW + x + kx;
            dx[i] = f(dx[i] + f(w[ky * k + kx] * d[y * outW + x]));
          }
        }
      }
    }
  }
}

describe('convolveFullAdd on 10-wide maps with 5×5 kernels (C3\'s input gradient, gathered in registers)', () => {
  it('gives every dx element the bits of its documented sum, for 1 to 12 rows, from +0 or from earlier sums', () => {
    const rng = new Random(31);
    for (const outH of [1, 2, 3, 4, 5, 7, 10, 12]) {
      for (const start of ['zero', 'sums'] as const) {
        const inW = 14;
        const n = (outH + 4) * inW;
        const model = new Model(lenet5(), 1); // its arena: the kernels' memory
        const [dx, d, w] = [model.gradients.subarray(0, n), model.params.subarray(0, outH * 10), model.paramFactors.subarray(0, 25)];
        const K = kernelsFor(dx, d, w)!;
        expect(K).not.toBeNull();
        // dx starts at +0 (as convBackward leaves it) or holds the sums of earlier output maps.
        // Exact zeros among d and w give ±0 terms, the case where a zero's sign could slip.
        for (let i = 0; i < n; i++) dx[i] = start === 'zero' ? 0 : rng.symmetric(1) * 2 ** (rng.int(16) - 8);
        for (let i = 0; i < outH * 10; i++) d[i] = rng.int(10) === 0 ? 0 : rng.symmetric(1) * 2 ** (rng.int(20) - 10);
        for (let i = 0; i < 25; i++) w[i] = rng.int(10) === 0 ? -0 : rng.symmetric(1) * 2 ** (rng.int(8) - 4);
        const expected = Float32Array.from(dx);
        convolveFullAddInOrder(expected, inW, Float32Array.from(d), outH, 10, Float32Array.from(w), 5);
        K.convolveFullAdd(at(dx, 0), inW, at(d, 0), outH, 10, at(w, 0), 5);
        const bits = new Uint32Array(dx.buffer, dx.byteOffset, n);
        const want = new Uint32Array(expected.buffer);
        const wrong = [...bits.keys()].filter((i) => bits[i] !== want[i]);
        expect(wrong).toEqual([]);
      }
    }
  });

  it('negative control: the same terms with the x ≥ 8 ones first give other bits', () => {
    const rng = new Random(32);
    const model = new Model(lenet5(), 1);
    const [dx, d, w] = [model.gradients.subarray(0, 14 * 14), model.params.subarray(0, 100), model.paramFactors.subarray(0, 25)];
    for (let i = 0; i < 100; i++) d[i] = rng.symmetric(1) * 2 ** (rng.int(20) - 10);
    for (let i = 0; i < 25; i++) w[i] = rng.symmetric(1);
    dx.fill(0);
    kernelsFor(dx, d, w)!.convolveFullAdd(at(dx, 0), 14, at(d, 0), 10, 10, at(w, 0), 5);
    // Reversed passes: tail terms (x ≥ 8) first, then the rest.
    const f = Math.fround;
    const other = new Float32Array(14 * 14);
    for (const [from, to] of [[8, 10], [0, 8]]) {
      for (let t = 0; t < 25; t++) {
        for (let y = 0; y < 10; y++) {
          for (let x = from; x < to; x++) {
            const i = (y + Math.floor(t / 5)) * 14 + x + (t % 5);
            other[i] = f(other[i] + f(w[t] * d[y * 10 + x]));
          }
        }
      }
    }
    const a = new Uint32Array(dx.buffer, dx.byteOffset, 196);
    const b = new Uint32Array(other.buffer);
    expect([...a.keys()].filter((i) => a[i] !== b[i]).length).toBeGreaterThan(0);
  });
});
