import { describe, expect, test } from 'vitest';
import { prepareDigit } from '../../engine/index.ts';
import { C1_SIDE, INPUT_SIDE, KERNEL, MNIST_SIDE, PAD, c1UnitCentredAt, cellAt, formatValue, inputView, preparePaper, setStatistics, windowAround } from '../../src/widgets/input-padding/model.ts';

/** A synthetic 28×28 "digit": a vertical bar of full ink in columns 12–15, rows 4–23, and one grey pixel. */
function bar(): number[] {
  const d = new Array<number>(MNIST_SIDE * MNIST_SIDE).fill(0);
  for (let r = 4; r < 24; r++) for (let c = 12; c < 16; c++) d[r * MNIST_SIDE + c] = 255;
  d[0] = 51; // top-left corner of the digit: a light grey
  return d;
}

describe('input model', () => {
  test('a 28×28 digit goes in a 32×32 input with 2 pixels of padding; C1 sees it through 5×5 fields in 28×28 maps', () => {
    expect([MNIST_SIDE, INPUT_SIDE, PAD, KERNEL, C1_SIDE]).toEqual([28, 32, 2, 5, 28]);
    const view = inputView(bar());
    expect(view.cells).toHaveLength(32 * 32);
    expect(cellAt(view, 0, 0).grey).toBeNull();
    expect(cellAt(view, 1, 31).grey).toBeNull();
    expect(cellAt(view, 2, 2).grey).toBe(51);
    expect(cellAt(view, 6, 14).grey).toBe(255);
    expect(cellAt(view, 29, 29).grey).toBe(0);
    expect(cellAt(view, 30, 29).grey).toBeNull();
  });
  test('the paper’s normalisation: paper −0.1, ink 1.175, linear between; the padding is paper', () => {
    const view = inputView(bar());
    expect(cellAt(view, 0, 0).value).toBeCloseTo(-0.1, 6);
    expect(cellAt(view, 29, 29).value).toBeCloseTo(-0.1, 6);
    expect(cellAt(view, 6, 14).value).toBeCloseTo(1.175, 6);
    expect(cellAt(view, 2, 2).value).toBeCloseTo(-0.1 + 1.275 * 0.2, 6);
    expect(formatValue(cellAt(view, 0, 0).value)).toBe('−0.100');
    expect(formatValue(cellAt(view, 6, 14).value)).toBe('1.175');
    expect(formatValue(-0.1 + 0.1)).toBe('0.000');
  });
  test('mean and variance are those of the 1,024 input values', () => {
    const view = inputView(bar());
    const values = view.cells.map((c) => c.value);
    const mean = values.reduce((a, b) => a + b) / values.length;
    expect(view.mean).toBeCloseTo(mean, 6);
    expect(view.variance).toBeCloseTo(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length, 6);
    // An all-paper image: every value −0.1, no spread.
    const blank = inputView(new Array(784).fill(0));
    expect(blank.mean).toBeCloseTo(-0.1, 6);
    expect(blank.variance).toBeCloseTo(0, 6);
  });
  test('every pixel of the original digit is the centre of a C1 receptive field; the padding frame never is', () => {
    expect(c1UnitCentredAt(2, 2)).toMatchObject({ row: 0, col: 0 });
    expect(c1UnitCentredAt(29, 29)).toMatchObject({ row: 27, col: 27 });
    expect(c1UnitCentredAt(1, 10)).toBeUndefined();
    expect(c1UnitCentredAt(30, 10)).toBeUndefined();
    let centres = 0;
    for (let r = 0; r < INPUT_SIDE; r++) for (let c = 0; c < INPUT_SIDE; c++) if (c1UnitCentredAt(r, c)) centres++;
    expect(centres).toBe(C1_SIDE * C1_SIDE);
  });
  test('the 5×5 window around a pixel, clipped at the border', () => {
    const view = inputView(bar());
    const w = windowAround(view, 6, 14);
    expect(w).toHaveLength(5);
    expect(w[2][2]).toBeCloseTo(1.175, 6);
    // Input columns 12–16 are digit columns 10–14: the bar (digit 12–15) starts at input column 14.
    expect(w[2][1]).toBeCloseTo(-0.1, 6);
    expect(w[2][4]).toBeCloseTo(1.175, 6);
    const corner = windowAround(view, 0, 0);
    expect(corner[0][0]).toBeNull();
    expect(corner[2][2]).toBeCloseTo(-0.1, 6);
  });
  test('the preparation is the engine’s prepareDigit by default, can be swapped, and bad digits are refused', () => {
    const seen: number[] = [];
    const view = inputView(bar(), (d) => { seen.push(d.length); return new Array(32 * 32).fill(0.5); });
    expect(seen).toEqual([784]);
    expect(cellAt(view, 0, 0).value).toBe(0.5);
    expect(preparePaper(bar())).toHaveLength(1024);
    const engine = prepareDigit({ pixels: Uint8Array.from(bar()), rows: 28, cols: 28 }, 0, new Float32Array(1024), 32);
    expect(inputView(bar()).cells.map((c) => c.value)).toEqual(Array.from(engine));
    expect(() => inputView([1, 2, 3])).toThrow(/784 grey levels, got 3/);
    const bad = bar();
    bad[5] = 256;
    expect(() => inputView(bad)).toThrow(/Grey level 5/);
    bad[5] = Number.NaN;
    expect(() => inputView(bad)).toThrow(/Grey level 5/);
  });
});

describe('statistics over a set of digits', () => {
  test('equal the statistics of all their prepared values together', () => {
    const a = bar();
    const b = new Array<number>(784).fill(255);
    const stats = setStatistics({ count: 2, pixels: [...a, ...b] });
    const values = [...inputView(a).cells, ...inputView(b).cells].map((c) => c.value);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(stats.mean).toBeCloseTo(mean, 6);
    expect(stats.variance).toBeCloseTo(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length, 6);
    expect(() => setStatistics({ count: 3, pixels: a })).toThrow(/Expected 3×784/);
  });
});
