import { describe, expect, test } from 'vitest';
import { softmax } from '../../engine/readout.ts';

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
