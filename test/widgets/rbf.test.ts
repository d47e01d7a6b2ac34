import { describe, expect, test } from 'vitest';
import { CODE_HEIGHT, CODE_WIDTH, codeBitmaps, rbfCodes } from '../../engine/index.ts';
import { STATE_LIMIT, stateColour, termColour } from '../../src/widgets/rbf/encoding.ts';
import { chartData, compareWithNearest, subscript, codeCells, distancesOf, flipUnit, formatDistance, parseSource, readDistances, readState, stateFromCode } from '../../src/widgets/rbf/model.ts';

describe('RBF code bitmaps', () => {
  test('each code is a 7×12 grid whose cells, read row by row, are the code’s ±1 weights', () => {
    for (let digit = 0; digit < 10; digit++) {
      const rows = codeCells(digit);
      expect(rows).toHaveLength(CODE_HEIGHT);
      expect(rows.every((r) => r.length === CODE_WIDTH)).toBe(true);
      const flat = rows.flat();
      expect(flat.map((c) => c.index)).toEqual(Array.from({ length: 84 }, (_, i) => i));
      expect(flat.map((c) => (c.ink ? 1 : -1))).toEqual(rbfCodes[digit]);
      // The drawing is the engine's own bitmap: '#' is ink.
      expect(rows.map((r) => r.map((c) => (c.ink ? '#' : '.')).join(''))).toEqual(codeBitmaps[digit]);
    }
  });
  test('a digit without a code is refused', () => {
    expect(() => codeCells(10)).toThrow(/No RBF code for digit 10/);
  });
});

describe('RBF distances (84-unit F6 states)', () => {
  test('an F6 state equal to code 3 is at distance 0 from 3, and 3 is the answer', () => {
    const r = readState(stateFromCode(3));
    expect(r.distances[3]).toBe(0);
    expect(r.winner).toBe(3);
    expect(r.tied).toEqual([3]);
    expect(r.distances.filter((d) => d > 0)).toHaveLength(9);
  });
  test('flipping one unit of code 3 costs (±2)² = 4 against code 3, and moves every other distance by ±4', () => {
    const base = distancesOf(stateFromCode(3));
    const flipped = distancesOf(flipUnit(stateFromCode(3), 40));
    expect(flipped[3]).toBe(4);
    flipped.forEach((d, i) => expect(Math.abs(d - base[i])).toBe(4));
  });
  test('flipping a unit twice gives the state back, and the original is left alone', () => {
    const s = stateFromCode(7);
    const once = flipUnit(s, 0);
    expect(s[0]).toBe(rbfCodes[7][0]);
    expect(Array.from(flipUnit(once, 0))).toEqual(Array.from(s));
    expect(() => flipUnit(s, 84)).toThrow(/unit 84 does not exist/);
  });
  test('an all-zero state is equally far (84) from every ±1 code: a ten-way tie, the first taken', () => {
    const r = readState(new Float32Array(84));
    expect(r.distances).toEqual(Array(10).fill(84));
    expect(r.tied).toHaveLength(10);
    expect(r.winner).toBe(0);
  });
  test('the smallest distance wins, wherever it is', () => {
    expect(readDistances([9, 4, 7, 1.5, 8, 2, 3, 6, 5, 10]).winner).toBe(3);
    expect(() => readDistances([1, Number.NaN])).toThrow(/finite/);
    expect(() => distancesOf(new Float32Array(83))).toThrow(/84 units, not 83/);
  });
});

describe('RBF bar chart data', () => {
  test('ten bars labelled 0–9, only the winner in the highlight colour', () => {
    const d = chartData(readState(stateFromCode(5)), { bar: 'grey', winner: 'blue' });
    expect(d.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(d.values[5]).toBe(0);
    expect(d.colours.filter((c) => c === 'blue')).toHaveLength(1);
    expect(d.colours[5]).toBe('blue');
  });
  test('distances print as whole numbers when whole, else to one decimal', () => {
    expect(formatDistance(1204)).toBe('1,204');
    expect(formatDistance(12.345)).toBe('12.3');
    expect(formatDistance(0)).toBe('0');
  });
});

describe('a real digit’s F6 state (pretrained weights, build time)', () => {
  test('the ten sample digits give finite 84-unit F6 states inside the squashing range, read by the engine', async () => {
    const { sampleF6States } = await import('../../src/widgets/rbf/samples.ts');
    const { shippedModel } = await import('../../src/data/pretrained.ts');
    const { SQUASH_A } = await import('../../engine/index.ts');
    const states = sampleF6States(shippedModel('faithful'));
    expect(states.map((s) => s.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const s of states) {
      expect(s.f6).toHaveLength(84);
      expect(s.f6.every((x) => Number.isFinite(x) && Math.abs(x) <= SQUASH_A)).toBe(true);
      const r = readState(s.f6);
      expect(r.distances.every((d) => Number.isFinite(d) && d >= 0)).toBe(true);
    }
    // A trained network reads most of its first test digits right.
    expect(states.filter((s) => readState(s.f6).winner === s.label).length).toBeGreaterThanOrEqual(7);
  });
  test('sources of a state: a code or a sample', () => {
    expect(parseSource('sample:3')).toEqual({ kind: 'sample', digit: 3 });
    expect(() => parseSource('code:12')).toThrow(/Not an F6 state source/);
  });
});

describe('one encoding for F6 and the codes', () => {
  test('a code cell and an F6 unit of the same value get the same colour; −1 and +1 are the palette’s ends, beyond stays at the ends', () => {
    expect(stateColour(1)).toBe(stateColour(1.7159));
    expect(stateColour(-1)).toBe(stateColour(-1.7159));
    expect(stateColour(STATE_LIMIT)).not.toBe(stateColour(-STATE_LIMIT));
    expect(stateColour(0.5)).not.toBe(stateColour(1));
    expect(stateColour(Number.NaN)).toBe('rgb(128, 128, 128)');
  });
  test('terms: 0 is white, 4 and beyond the darkest', () => {
    expect(termColour(0)).toBe('rgb(255, 255, 255)');
    expect(termColour(4)).toBe(termColour(9));
    expect(termColour(2)).not.toBe(termColour(4));
  });
  test('F6 beside its nearest code: the terms add up to the smallest distance, and a code compares with itself at 0', () => {
    const state = flipUnit(flipUnit(stateFromCode(8), 3), 40);
    const c = compareWithNearest(state);
    expect(c.nearest).toBe(8);
    expect(c.code).toEqual(rbfCodes[8]);
    expect(c.terms.filter((t) => t > 0)).toEqual([4, 4]);
    expect(c.distance).toBe(8);
    expect(c.distance).toBe(Math.min(...distancesOf(state)));
    expect(subscript(10)).toBe('₁₀');
  });
});

describe('the MAP-loss widget’s model', () => {
  test('numbers as the widget writes them: 3 significant figures, tiny ones as powers of ten', async () => {
    const { formatValue } = await import('../../src/widgets/rbf/map.ts');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(24.2046)).toBe('24.2');
    expect(formatValue(-9.99998)).toBe('−10.0');
    expect(formatValue(0.000340)).toBe('3.40 × 10⁻⁴');
    expect(formatValue(1.32e-11)).toBe('1.32 × 10⁻¹¹');
    expect(() => formatValue(Number.NaN)).toThrow(/NaN is not a number it can show/);
  });
  test('j from the slider: whole numbers 1 to 60, anything else refused with the range', async () => {
    const { parseJ } = await import('../../src/widgets/rbf/map.ts');
    expect(parseJ('10')).toBe(10);
    expect(() => parseJ('0')).toThrow(/j must be a whole number from 1 to 60, not 0/);
    expect(() => parseJ('2.5')).toThrow(/from 1 to 60/);
  });
  test('the view adds the answer and the whole push to the engine’s breakdown', async () => {
    const { mapView } = await import('../../src/widgets/rbf/map.ts');
    const v = mapView([3, 1, 8], 0, 2);
    expect(v.answer).toBe(1);
    expect(v.pushTotal).toBeCloseTo(v.share[1] + v.share[2], 12);
    expect(v.gradient[1]).toBeCloseTo(-v.share[1], 12);
  });
});

describe('comparing with distances the caller already has', () => {
  test('gives the same comparison as running the output layer again', () => {
    const state = flipUnit(stateFromCode(5), 10);
    expect(compareWithNearest(state, undefined, distancesOf(state))).toEqual(compareWithNearest(state));
    expect(compareWithNearest(state, 3, distancesOf(state))).toEqual(compareWithNearest(state, 3));
  });
});
