import { describe, expect, test } from 'vitest';
import { fixed, readout, SATURATED, SubsamplingLab } from '../../src/widgets/subsampling/model.ts';
import { drawMap, drawSquash, fillOf } from '../../src/widgets/subsampling/draw.ts';
import { SQUASH_A, squash } from '../../engine/index.ts';

/** A 4×4 map whose 2×2 windows sum to 1, −2, 0.4 and 4 (hand-made). */
const tiny = {
  size: 4,
  values: [
    0.25, 0.25, -0.5, -0.5,
    0.25, 0.25, -0.5, -0.5,
    0.1, 0.1, 1, 1,
    0.1, 0.1, 1, 1,
  ],
};
const sums = [1, -2, 0.4, 4];

/** A synthetic 28×28 "feature map": a bright ring on a dark background, values in ±1.7. */
function ring(size = 28): { size: number; values: number[] } {
  const values: number[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - 13.5, y - 13.5);
      values.push(squash(3 - Math.abs(r - 8)));
    }
  }
  return { size, values };
}

describe('subsampling model (engine numerics)', () => {
  test('4×4 map, 2×2 windows → 2×2: sums, average and max as computed by hand', () => {
    const lab = new SubsamplingLab(tiny);
    expect(lab.sums.size).toBe(2);
    expect(Array.from(lab.sums.out)).toEqual(sums.map((s) => expect.closeTo(s, 5)));
    expect(Array.from(lab.average.out)).toEqual(sums.map((s) => expect.closeTo(s / 4, 5)));
    expect(Array.from(lab.max.out)).toEqual([0.25, -0.5, 0.1, 1].map((m) => expect.closeTo(m, 5)));
    expect(lab.focus).toBe(3);
  });

  test('trainable: f(coefficient·sum + bias) with the paper’s squash, pre kept before the squash', () => {
    const lab = new SubsamplingLab(tiny);
    const r = lab.trainable(0.5, -0.25);
    expect(Array.from(r.pre)).toEqual(sums.map((s) => expect.closeTo(0.5 * s - 0.25, 5)));
    expect(Array.from(r.out)).toEqual(sums.map((s) => expect.closeTo(SQUASH_A * Math.tanh((2 / 3) * (0.5 * s - 0.25)), 5)));
    // c = 1/4, b = 0 starts from the average — before the squash.
    const avg = lab.trainable(0.25, 0);
    expect(Array.from(avg.pre)).toEqual(Array.from(lab.average.out).map((v) => expect.closeTo(v, 5)));
  });

  test('a small coefficient is nearly linear; a large one is nearly binary (synthetic 28×28 ring)', () => {
    const lab = new SubsamplingLab(ring());
    const small = lab.trainable(0.02, 0);
    // Near 0, f(a) ≈ A·S·a: the relative error stays under 0.5 %.
    small.pre.forEach((a, i) => expect(Math.abs(small.out[i] - SQUASH_A * (2 / 3) * a)).toBeLessThanOrEqual(0.005 * Math.abs(small.out[i]) + 1e-6));
    expect(readout(lab, small).saturated).toBe(0);
    const large = lab.trainable(2, 0);
    const r = readout(lab, large);
    expect(r.units).toBe(14 * 14);
    expect(r.saturated / r.units).toBeGreaterThan(0.9);
    expect(r.max).toBeGreaterThan(SATURATED);
    expect(r.min).toBeLessThan(-SATURATED);
  });

  test('the bias shifts every output the same way', () => {
    const lab = new SubsamplingLab(ring());
    const low = lab.trainable(0.3, -1);
    const high = lab.trainable(0.3, 1);
    low.out.forEach((v, i) => expect(high.out[i]).toBeGreaterThan(v));
    expect(readout(lab, high).min).toBeGreaterThan(readout(lab, low).min);
  });

  test('results are copies: a later forward pass does not change an earlier result', () => {
    const lab = new SubsamplingLab(tiny);
    const first = lab.trainable(1, 0);
    const kept = Array.from(first.out);
    lab.trainable(-1, 2);
    expect(Array.from(first.out)).toEqual(kept);
  });

  test('bad input is refused where it enters', () => {
    expect(() => new SubsamplingLab({ size: 4, values: [1, 2, 3] })).toThrow(/4×4 map needs 16 values, got 3/);
    expect(() => new SubsamplingLab(tiny).trainable(Number.NaN, 0)).toThrow(/finite/);
  });
});

describe('subsampling presentation', () => {
  test('fixed() prints a real minus sign and never −0.00', () => {
    expect(fixed(-0.001)).toBe('0.00');
    expect(fixed(-1.234, 3)).toBe('−1.234');
    expect(fixed(0.25)).toBe('0.25');
  });
  test('fillOf(): the site’s palette on ±1.7159, clamped beyond', () => {
    expect(fillOf(0)).toBe('#f7f7f7');
    expect(fillOf(99)).toBe(fillOf(SQUASH_A));
    expect(fillOf(-SQUASH_A)).not.toBe(fillOf(SQUASH_A));
  });
  test('drawMap and drawSquash: one cell per value, one dot per unit, no NaN', () => {
    const map = drawMap(tiny.values, 4, 100, 'tiny', { row: 1, col: 1, side: 2 });
    expect(map.match(/<rect x=/g)).toHaveLength(16);
    expect(map).toContain('class="mark"');
    const lab = new SubsamplingLab(tiny);
    const r = lab.trainable(50, 0);
    const curve = drawSquash(r.pre, r.out, lab.focus, 'curve');
    expect(curve.match(/<circle/g)).toHaveLength(4);
    expect(map + curve).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('subsampling source (build time)', () => {
  test.each([['S2', 28, 'C1', 6], ['S4', 10, 'C3', 16]] as const)('%s gets every real %i×%i %s map of an MNIST test 3 (%i maps), each with its own coefficient and bias', async (layer, size, feeding, count) => {
    const { featureMapsFor, DIGIT } = await import('../../src/widgets/subsampling/source.ts');
    const s = featureMapsFor(layer);
    expect([s.feeding, s.size, s.maps.length, s.digit.label]).toEqual([feeding, size, count, DIGIT]);
    expect(s.first).toBeGreaterThanOrEqual(0);
    expect(s.first).toBeLessThan(count);
    for (const m of s.maps) {
      expect(m.values).toHaveLength(size * size);
      expect(Array.from(m.values).every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(m.start.coefficient) && Number.isFinite(m.start.bias)).toBe(true);
    }
  });
});

describe('subsampling view', () => {
  test('draws four maps and the curve, prints the readouts, all from one engine result', async () => {
    const { view } = await import('../../src/widgets/subsampling/view.ts');
    const lab = new SubsamplingLab(tiny);
    const v = view(lab, 0.5, -0.25, 'en');
    expect(Object.keys(v.svg).sort()).toEqual(['average', 'curve', 'input', 'max', 'trainable']);
    const r = readout(lab, lab.trainable(0.5, -0.25));
    expect(v.text).toEqual({ sum: fixed(r.sum, 3), pre: fixed(r.pre, 3), out: fixed(r.out, 3), range: `${fixed(r.min)} … ${fixed(r.max)}`, saturated: `${r.saturated} of 4` });
    expect(view(lab, 0.5, -0.25, 'zh-CN').text.saturated).toBe(`${r.saturated} / 4`);
    expect(Object.values(v.svg).join('')).not.toMatch(/NaN|undefined|Infinity/);
  });
});
