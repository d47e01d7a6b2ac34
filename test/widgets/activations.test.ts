import { describe, expect, test } from 'vitest';
import { Model, lenet5, receptiveField, unitComputation, type NetworkSpec } from '../../engine/index.ts';
import { computationSteps, describeLevel, fmt, moveUnit, unitAtPointer, unitName, type Layout } from '../../src/widgets/activations/model.ts';

const c1: Layout = { shape: { maps: 6, height: 28, width: 28 } };
const c5: Layout = { shape: { maps: 120, height: 1, width: 1 }, columns: 12 };
const f6: Layout = { shape: { maps: 84, height: 1, width: 1 }, columns: 7 };

describe('picking a unit', () => {
  test('arrow keys move within a map and stop at its edges', () => {
    expect(moveUnit(c1, { map: 2, y: 0, x: 5 }, 'ArrowUp')).toEqual({ map: 2, y: 0, x: 5 });
    expect(moveUnit(c1, { map: 2, y: 0, x: 5 }, 'ArrowDown')).toEqual({ map: 2, y: 1, x: 5 });
    expect(moveUnit(c1, { map: 2, y: 4, x: 27 }, 'ArrowRight')).toEqual({ map: 2, y: 4, x: 27 });
    expect(moveUnit(c1, { map: 2, y: 4, x: 0 }, 'Enter')).toBeNull();
  });
  test('in a grid of 1×1 maps the arrows walk the grid, and never past the last unit', () => {
    expect(moveUnit(c5, { map: 5, y: 0, x: 0 }, 'ArrowDown')).toEqual({ map: 17, y: 0, x: 0 });
    expect(moveUnit(c5, { map: 12, y: 0, x: 0 }, 'ArrowLeft')).toEqual({ map: 12, y: 0, x: 0 });
    // F6: 84 = 7 × 12 fills its grid exactly; the last row is row 11.
    expect(moveUnit(f6, { map: 80, y: 0, x: 0 }, 'ArrowDown')).toEqual({ map: 80, y: 0, x: 0 });
    expect(moveUnit(f6, { map: 73, y: 0, x: 0 }, 'ArrowDown')).toEqual({ map: 80, y: 0, x: 0 });
  });
  test('the pointer’s place on the drawn map gives the unit under it', () => {
    expect(unitAtPointer(c1, 3, 0, 0)).toEqual({ map: 3, y: 0, x: 0 });
    expect(unitAtPointer(c1, 3, 0.999, 0.5)).toEqual({ map: 3, y: 14, x: 27 });
    expect(unitAtPointer(c5, 0, 0.5, 0.95)).toEqual({ map: 9 * 12 + 6, y: 0, x: 0 });
  });
  test('units are named with their map from 0, as in the paper', () => {
    expect(unitName(c1, 'C1', { map: 0, y: 3, x: 4 }, 'en')).toBe('C1 map 0, row 3, column 4');
    expect(unitName(f6, 'F6', { map: 40, y: 0, x: 0 }, 'zh-CN')).toBe('F6 单元 40');
  });
});

describe('writing a unit out', () => {
  test('numbers: three decimals, a true minus, no −0.000', () => {
    expect([fmt(-1.23456), fmt(0.5), fmt(-0.0001), fmt(2, 1)]).toEqual(['−1.235', '0.500', '0.000', '2.0']);
  });
  test('a level of the receptive field in words', () => {
    const levels = receptiveField(lenet5(), 'C3', { map: 4, y: 0, x: 0 }).levels;
    expect(describeLevel(levels[2], 'en')).toBe('S2: maps 0, 4, 5 of 6; rows 0–4, columns 0–4 (5×5)');
    expect(describeLevel(levels[0], 'en')).toBe('input 32×32: rows 0–13, columns 0–13 (14×14)');
  });
  test('the steps print the engine’s sums, bias, a and y', () => {
    const spec: NetworkSpec = { input: { size: 4, channels: 2 }, layers: [{ kind: 'conv', name: 'A', maps: 1, kernel: 2, activation: 'squash' }] };
    const model = new Model(spec, 3);
    const trace = model.forward(Float32Array.from({ length: 32 }, (_, i) => (i % 5) / 4 - 0.5), model.newTrace());
    const c = unitComputation(model, trace, 'A', { map: 0, y: 1, x: 2 });
    if (c.kind !== 'conv') throw new Error('expected a convolution');
    const steps = computationSteps(c, 'en');
    expect(steps.lines[0]).toContain(`${fmt(c.terms[0].sum).replace(/^−.*/, (s) => `(${s})`)} + `);
    expect(steps.lines.at(-2)).toMatch(new RegExp(`= ${fmt(c.a)}$`));
    expect(steps.lines.at(-1)).toBe(`y = f(a) = 1.7159·tanh(⅔ · ${c.a < 0 ? `(${fmt(c.a)})` : fmt(c.a)}) = ${fmt(c.y)}`);
    expect([steps.a, steps.y]).toEqual([fmt(c.a), fmt(c.y)]);
  });
  test('a negative subsampling coefficient is explained', () => {
    const spec: NetworkSpec = { input: { size: 2, channels: 1 }, layers: [{ kind: 'subsample', name: 'S', pool: 'trainable', window: 2, activation: 'squash' }] };
    const model = new Model(spec);
    model.params.set([-0.5, 0.1]);
    const c = unitComputation(model, model.forward([1, 2, 3, 4], model.newTrace()), 'S', { map: 0, y: 0, x: 0 });
    const steps = computationSteps(c, 'en');
    expect(steps.lines[0]).toBe('window sum = 1.000 + 2.000 + 3.000 + 4.000 = 10.000');
    expect(steps.lines[1]).toBe('a = coefficient · window sum + bias = (−0.500) · 10.000 + 0.100 = −4.900');
    expect(steps.note).toMatch(/sign flipped/);
  });
});
