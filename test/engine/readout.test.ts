import { describe, expect, test } from 'vitest';
import { rbfTerms, softmax } from '../../engine/readout.ts';
import { Model, Random, lenet5, rbfCodes } from '../../engine/index.ts';

describe('softmax readout', () => {
  test('equal outputs give equal probabilities', () => {
    expect(Array.from(softmax([3, 3, 3, 3]))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
  test('two outputs one apart: e/(1+e) and 1/(1+e)', () => {
    const p = softmax([1, 0]);
    expect(p[0]).toBeCloseTo(Math.E / (1 + Math.E), 12);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.E), 12);
  });
  test('huge outputs do not overflow', () => {
    const p = softmax([1000, 1000 - Math.log(3)]);
    expect(p[0]).toBeCloseTo(0.75, 12);
    expect(p[1]).toBeCloseTo(0.25, 12);
  });
  test('refuses an output buffer of the wrong size', () => {
    expect(() => softmax([1, 2], new Float64Array(3))).toThrow(/2 outputs but room for 3/);
  });
});

describe('rbfTerms: the distance to a code, unit by unit', () => {
  test('a hand-computed case: x = [1, 0.5, −1], w = [1, −1, 1] gives 0, 2.25, 4', () => {
    expect(rbfTerms([1, 0.5, -1], [1, -1, 1])).toEqual([0, 2.25, 4]);
  });
  test('the terms add up to the output layer’s distance in the engine’s forward pass', () => {
    const spec = lenet5();
    const rbf = spec.layers[spec.layers.length - 1];
    const output = new Model({ input: { size: 1, channels: 84 }, layers: [rbf] });
    const rnd = new Random(3);
    const x = Float32Array.from({ length: 84 }, () => rnd.symmetric(1.7159));
    const y = output.forward(x).output;
    rbfCodes.forEach((code, i) => expect(rbfTerms(x, code).reduce((a, b) => a + b, 0)).toBeCloseTo(y[i], 3));
  });
  test('refuses a code of another length', () => {
    expect(() => rbfTerms([1, 2], [1])).toThrow(/F6 has 2 units but the code 1/);
  });
});
