import { describe, expect, test } from 'vitest';
import { CODE_HEIGHT, CODE_WIDTH, codeBitmaps, rbfCodes } from '../../engine/index.ts';
import { chartData, codeCells, distancesOf, flipUnit, formatDistance, inkLevel, parseSource, readDistances, readState, stateFromCode } from '../../src/widgets/rbf/model.ts';

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
    const { pretrainedFaithful, sampleF6States } = await import('../../src/widgets/rbf/samples.ts');
    const { SQUASH_A } = await import('../../engine/index.ts');
    const states = sampleF6States(pretrainedFaithful());
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
  test('shades: −1 is paper, +1 is ink, values beyond stay at the ends', () => {
    expect([-1.7, -1, 0, 1, 1.7].map(inkLevel)).toEqual([0, 0, 0.5, 1, 1]);
    expect(parseSource('sample:3')).toEqual({ kind: 'sample', digit: 3 });
    expect(() => parseSource('code:12')).toThrow(/Not an F6 state source/);
  });
});
