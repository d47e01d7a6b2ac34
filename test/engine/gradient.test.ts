/**
 * Finite-difference gradient checks (in the spirit of early tinygrad's gradcheck): every layer
 * kind, both whole networks, and a negative control — a deliberately wrong backward must fail.
 */
import { describe, expect, it } from 'vitest';
import {
  Model, lenet5, modernLenet5, mapLoss, rbfLoss, softmaxCrossEntropy, tanh, type LayerSpec, type Loss, type NetworkSpec,
} from '../../engine/index.ts';
import { kernelsFor } from '../../engine/kernels/kernels.ts';
import { gradCheck, randomInput } from './helpers.ts';

const TOLERANCE = 2e-2;

/** A small network: 1@10×10 → a conv (so the layer under test gets an input gradient) → layer → full 4. */
function around(layer: LayerSpec, head: LayerSpec[] = [{ kind: 'full', name: 'OUT', units: 4, activation: 'none' }]): NetworkSpec {
  return {
    input: { size: 10, channels: 1 },
    layers: [{ kind: 'conv', name: 'A', maps: 3, kernel: 3, activation: 'squash' }, layer, ...head],
  };
}

const cases: [string, NetworkSpec, Loss][] = [
  ['conv 3→4 maps, 3×3, with a connection table, squash', around({ kind: 'conv', name: 'T', maps: 4, kernel: 3, activation: 'squash', table: [[0, 1], [1, 2], [0, 2], [0, 1, 2]] }), softmaxCrossEntropy()],
  ['conv 3→4 maps, 5×5 (the unrolled kernel), with a connection table, squash', around({ kind: 'conv', name: 'T', maps: 4, kernel: 5, activation: 'squash', table: [[0], [1, 2], [0, 2], [0, 1, 2]] }), softmaxCrossEntropy()],
  ['conv 3→2 maps, 5×5, padding 2, relu', around({ kind: 'conv', name: 'T', maps: 2, kernel: 5, padding: 2, activation: 'relu' }), softmaxCrossEntropy()],
  ['conv 3→2 maps, 3×3, stride 2, padding 1, relu', around({ kind: 'conv', name: 'T', maps: 2, kernel: 3, stride: 2, padding: 1, activation: 'relu' }), softmaxCrossEntropy()],
  ['conv 3→3 maps, 8×8 kernel to a 1×1 output, with a table out of order, squash', around({ kind: 'conv', name: 'T', maps: 3, kernel: 8, activation: 'squash', table: [[0, 2], [1], [2, 0, 1]] }), softmaxCrossEntropy()],
  ['conv 3→5 maps, 8×8 kernel to a 1×1 output, none', around({ kind: 'conv', name: 'T', maps: 5, kernel: 8, activation: 'none' }), softmaxCrossEntropy()],
  ['trainable subsampling 2×2 on 3@8×8, squash', around({ kind: 'subsample', name: 'T', pool: 'trainable', window: 2, activation: 'squash' }), softmaxCrossEntropy()],
  ['average pooling 3×3 stride 2 on 3@8×8, squash', around({ kind: 'subsample', name: 'T', pool: 'average', window: 3, stride: 2, activation: 'squash' }), softmaxCrossEntropy()],
  ['max pooling 2×2 on 3@8×8, none', around({ kind: 'subsample', name: 'T', pool: 'max', window: 2, activation: 'none' }), softmaxCrossEntropy()],
  ['full 192→7, relu', around({ kind: 'full', name: 'T', units: 7, activation: 'relu' }), softmaxCrossEntropy()],
  ['full 192→7, sigmoid', around({ kind: 'full', name: 'T', units: 7, activation: 'sigmoid' }), softmaxCrossEntropy()],
  ['conv 3→2 maps, 3×3, padding 1, sigmoid', around({ kind: 'conv', name: 'T', maps: 2, kernel: 3, padding: 1, activation: 'sigmoid' }), softmaxCrossEntropy()],
  ['full 192→6 squash, then RBF with 3 codes, plain loss', around({ kind: 'full', name: 'T', units: 6, activation: 'squash' },
    [{ kind: 'rbf', name: 'OUT', codes: [[1, 1, 1, -1, -1, -1], [-1, 1, -1, 1, -1, 1], [1, -1, -1, 1, 1, -1]] }]), rbfLoss()],
  ['full 192→6 squash, then RBF with 3 codes, MAP loss', around({ kind: 'full', name: 'T', units: 6, activation: 'squash' },
    [{ kind: 'rbf', name: 'OUT', codes: [[1, 1, 1, -1, -1, -1], [-1, 1, -1, 1, -1, 1], [1, -1, -1, 1, 1, -1]] }]), mapLoss(2)],
];

/**
 * A model on one of the two paths: the WebAssembly SIMD kernels (gradients written into the
 * model's own buffer, where the kernels reach them) or the JavaScript loops.
 */
function onPath(spec: NetworkSpec, seed: number, kernels: boolean): { model: Model; grads: Float32Array } {
  const model = new Model(spec, seed, { kernels });
  const grads = kernels ? model.gradients : new Float32Array(model.paramCount);
  expect(kernelsFor(model.params, grads) !== null).toBe(kernels);
  return { model, grads };
}

for (const kernels of [true, false]) {
  describe(`gradient check of every layer kind (${kernels ? 'WebAssembly SIMD kernels' : 'JavaScript loops'})`, () => {
    for (const [name, spec, loss] of cases) {
      it(name, () => {
        const { model, grads } = onPath(spec, 7, kernels);
        for (const seed of [1, 2]) {
          const result = gradCheck(model, loss, randomInput(model, seed), seed % 3, 40, 1e-3, grads);
          expect(result.worst, JSON.stringify(result.errors)).toBeLessThan(TOLERANCE);
        }
      });
    }
  });
}

describe('gradient check of the whole networks', () => {
  // LeNet-5's loss is about 100, so float32 rounding of E swamps a step of 1e-3: use 1e-2 there.
  // The modern network keeps 1e-3, since a larger step would jump across ReLU and max kinks.
  for (const kernels of [true, false]) {
    const path = kernels ? 'kernels' : 'JavaScript';
    it(`LeNet-5 as published (32×32 → RBF), MAP loss (${path})`, () => {
      const { model, grads } = onPath(lenet5(), 3, kernels);
      const result = gradCheck(model, mapLoss(), randomInput(model, 5), 4, 30, 1e-2, grads);
      expect(result.checked).toBeGreaterThan(150);
      expect(result.worst, JSON.stringify(result.errors)).toBeLessThan(TOLERANCE);
    });

    it(`modern LeNet-5 (ReLU, max pooling, dense C3), softmax cross-entropy (${path})`, () => {
      const { model, grads } = onPath(modernLenet5(), 3, kernels);
      const result = gradCheck(model, softmaxCrossEntropy(), randomInput(model, 5), 4, 30, 1e-3, grads);
      expect(result.worst, JSON.stringify(result.errors)).toBeLessThan(TOLERANCE);
    });
  }
});

describe('negative control: a wrong backward fails the check', () => {
  /** Breaks one layer's backward the way a real bug would: ∂E/∂pre read one unit off. */
  function offByOne(model: Model, layerName: string): void {
    const layer = model.layers.find((l) => l.name === layerName)!;
    const right = layer.ops;
    let shifted = new Float32Array(0);
    layer.ops = {
      ...right,
      backward(params, offset, x, dPre, dX, grads, argmax, secondOrder) {
        if (shifted.length !== dPre.length) shifted = new Float32Array(dPre.length);
        for (let i = 0; i < dPre.length; i++) shifted[i] = dPre[(i + 1) % dPre.length];
        right.backward(params, offset, x, shifted, dX, grads, argmax, secondOrder);
      },
    };
  }

  it('LeNet-5 with C3 back-propagating from the wrong unit', () => {
    const model = new Model(lenet5(), 3);
    offByOne(model, 'C3');
    const result = gradCheck(model, mapLoss(), randomInput(model, 5), 4, 30, 1e-2);
    expect(result.errors.C3).toBeGreaterThan(2.5 * TOLERANCE);
    expect(result.errors.C1).toBeGreaterThan(2.5 * TOLERANCE); // the wrong input gradient reaches C1 too
    expect(result.worst).toBeGreaterThan(TOLERANCE);
  });

  it('trainable subsampling with its gradient one unit off', () => {
    const model = new Model(cases[6][1], 7);
    offByOne(model, 'T');
    const result = gradCheck(model, softmaxCrossEntropy(), randomInput(model, 1), 1, 40);
    expect(result.worst).toBeGreaterThan(TOLERANCE);
  });
});

describe('the fast tanh', () => {
  it('is within 3e-7 of Math.tanh from −12 to 12', () => {
    let worst = 0;
    for (let x = -12; x <= 12; x += 0.001) worst = Math.max(worst, Math.abs(tanh(x) - Math.tanh(x)));
    expect(worst).toBeLessThan(3e-7);
  });
});
