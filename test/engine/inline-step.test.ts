/**
 * Training one sample at a time, the full layers and a dense C5 move their weights during
 * back-propagation (ops.ts, InlineStep) instead of writing gradients for the optimiser's pass.
 * That must change nothing: for SGD and for SDLM, on rows of every width modulo 16 and 4 (the
 * kernel's three loops), with silent units (d = 0) among them, the weights after
 * `backward(…, step)` + `update(…, skip)` are bit for bit those after `backward` + `update`.
 */
import { describe, expect, it } from 'vitest';
import { Model, Random, lenet5, type NetworkSpec } from '../../engine/index.ts';
import { Sdlm, Sgd, type Optimizer } from '../../engine/optim.ts';

/** A dense C5-like convolution (1×1 outputs over whole maps) and two full layers of odd widths. */
function denseSpec(side: number, maps: number, hidden: number, outputs: number): NetworkSpec {
  return {
    input: { size: side, channels: 1 },
    layers: [
      { kind: 'conv', name: 'C', maps, kernel: side, activation: 'relu' },
      { kind: 'full', name: 'F', units: hidden, activation: 'relu' },
      { kind: 'full', name: 'OUT', units: outputs, activation: 'none' },
    ],
  };
}

type MakeOptimizer = (model: Model) => Optimizer;
const sgd: MakeOptimizer = (m) => new Sgd(m.paramCount);
const sdlm: MakeOptimizer = (m) => {
  // Gains as SDLM keeps them, in the model's memory beside the parameters (random, positive).
  const rng = new Random(7);
  for (let k = 0; k < m.paramCount; k++) m.paramFactors[k] = 1 / (0.1 + rng.next());
  return new Sdlm(m.paramCount, 0.1, m.paramFactors);
};

/** Weights after `steps` samples, each a batch of one, with or without the inline step. */
function train(spec: NetworkSpec, make: MakeOptimizer, inline: boolean, steps: number, rate: number): Float32Array {
  const model = new Model(spec, 3);
  const optimizer = make(model);
  const grads = model.gradients;
  grads.fill(0);
  const rng = new Random(11);
  const dOut = new Float32Array(model.outputUnits);
  for (let s = 0; s < steps; s++) {
    const trace = model.forward(Float32Array.from({ length: model.inputUnits }, () => rng.symmetric(1)));
    // Some output derivatives exactly 0, the rest random: silent rows are skipped by the kernel.
    for (let i = 0; i < dOut.length; i++) dOut[i] = rng.int(4) === 0 ? 0 : rng.symmetric(1);
    const step = inline ? optimizer.inlineStep(rate) : null;
    model.backward(trace, dOut, grads, step);
    optimizer.update(model.params, grads, rate, step ? model.stepped : undefined);
  }
  expect(grads.every((g) => g === 0)).toBe(true); // the update leaves every gradient zeroed
  return Float32Array.from(model.params);
}

const same = (a: Float32Array, b: Float32Array): boolean =>
  a.length === b.length && new Uint8Array(a.buffer).every((x, i) => x === new Uint8Array(b.buffer)[i]);

describe('inline step: weights moved during back-propagation, bit for bit as the optimiser would', () => {
  const shapes: [number, number, number, number][] = [
    [5, 16, 84, 10], // LeNet-5's C5 input side, F6 and output widths (84 = 5·16 + 4)
    [3, 7, 13, 5], // rows of 9, 7 and 13 weights: the scalar tail
    [4, 21, 6, 3], // rows of 16, 21 and 6
  ];
  for (const [side, maps, hidden, outputs] of shapes) {
    // Large steps (not a power of two), so that a step rounded differently shows in the weights.
    for (const [name, make, rate] of [['SGD', sgd, 0.3], ['SDLM', sdlm, 0.03]] as const) {
      it(`${name}, ${side}×${side} input, ${maps} → ${hidden} → ${outputs}`, () => {
        const spec = denseSpec(side, maps, hidden, outputs);
        const model = new Model(spec, 3);
        expect(model.usesKernels).toBe(true);
        const reference = train(spec, make, false, 20, rate);
        expect(same(train(spec, make, true, 20, rate), reference)).toBe(true);
        // The comparison can fail: another rate moves the weights elsewhere.
        expect(same(train(spec, make, true, 20, rate * 1.01), reference)).toBe(false);
      });
    }
  }

  it('says which parameters it moved: C5 and F6 weights of LeNet-5, not their biases or the convolutions', () => {
    const model = new Model(lenet5(), 1);
    const rng = new Random(1);
    const trace = model.forward(Float32Array.from({ length: model.inputUnits }, () => rng.symmetric(1)));
    const dOut = new Float32Array(model.outputUnits).fill(0.1);
    model.backward(trace, dOut, model.gradients, new Sgd(model.paramCount).inlineStep(0.001));
    const at = (name: string) => model.layers.find((l) => l.name === name)!.offset;
    expect(model.stepped).toEqual([at('C5'), at('C5') + 48000, at('F6'), at('F6') + 10080]);
    // Momentum keeps the gradient: no inline step.
    expect(new Sgd(model.paramCount, 0.9).inlineStep(0.001)).toBeNull();
  });
});
