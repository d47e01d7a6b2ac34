import { describe, expect, test } from 'vitest';
import { MAP_J, Random, mapBreakdown, mapLoss, rbfLoss } from '../../engine/index.ts';

describe('mapBreakdown: eq. 9 of the paper taken apart', () => {
  test('a hand-computed case with 2 classes: y = [ln 2, ln 4], j = ln 4, so Z = 1/2 + 1/4 + 1/4 = 1', () => {
    const b = mapBreakdown([Math.LN2, 2 * Math.LN2], 0, 2 * Math.LN2);
    expect(b.plain).toBeCloseTo(Math.LN2, 12);
    expect(b.logSum).toBeCloseTo(0, 12);
    expect(b.value).toBeCloseTo(Math.LN2, 12);
    expect(b.share[0]).toBeCloseTo(0.5, 12);
    expect(b.share[1]).toBeCloseTo(0.25, 12);
    expect(b.rubbish).toBeCloseTo(0.25, 12);
    // Pull on the right class 1 − ½, push on the wrong one −¼.
    expect(b.gradient[0]).toBeCloseTo(0.5, 12);
    expect(b.gradient[1]).toBeCloseTo(-0.25, 12);
  });

  test('agrees with the loss the trainer uses (value and gradient), for random distances and several j', () => {
    const rnd = new Random(7);
    const d = new Float32Array(10);
    for (let t = 0; t < 50; t++) {
      const y = Array.from({ length: 10 }, () => 200 * rnd.next());
      const label = t % 10;
      for (const j of [0.5, 2, MAP_J, 80]) {
        const b = mapBreakdown(y, label, j);
        const loss = mapLoss(j);
        expect(b.value).toBeCloseTo(loss.value(y, label), 5);
        loss.gradient(y, label, d);
        b.gradient.forEach((g, i) => expect(g).toBeCloseTo(d[i], 6));
        // The shares of Z add up to 1, the rubbish class's included.
        expect(b.share.reduce((a, x) => a + x, b.rubbish)).toBeCloseTo(1, 12);
      }
    }
  });

  test('its gradient is the derivative of its value (central differences), and a sign-flipped push would fail', () => {
    const y = [12, 3.5, 9, 4, 30, 6, 5, 15, 3.8, 20];
    const b = mapBreakdown(y, 1, MAP_J);
    const h = 1e-5;
    const numeric = y.map((_, i) => {
      const up = [...y]; up[i] += h;
      const down = [...y]; down[i] -= h;
      return (mapBreakdown(up, 1, MAP_J).value - mapBreakdown(down, 1, MAP_J).value) / (2 * h);
    });
    b.gradient.forEach((g, i) => expect(g).toBeCloseTo(numeric[i], 6));
    // Negative control: pushes with the wrong sign are far from the numeric derivative.
    const flipped = b.gradient.map((g, i) => (i === 1 ? g : -g));
    expect(Math.max(...flipped.map((g, i) => Math.abs(g - numeric[i])))).toBeGreaterThan(0.1);
  });

  test('large distances neither overflow nor underflow to NaN; a confident right answer has almost no gradient, unlike the plain loss', () => {
    const y = [2, 500, 900, 1200, 700, 650, 800, 1000, 1100, 300];
    const b = mapBreakdown(y, 0, MAP_J);
    expect(b.value).toBeGreaterThan(0);
    expect(b.value).toBeLessThan(1e-3);
    expect(b.gradient[0]).toBeCloseTo(Math.exp(-(MAP_J - 2)), 6);
    const d = new Float32Array(10);
    rbfLoss().gradient(y, 0, d);
    expect(d[0]).toBe(1);
  });

  test('bad input is refused with a message that names it', () => {
    expect(() => mapBreakdown([1, 2], 0, 0)).toThrow(/j 0 is not allowed \(allowed: a positive number\)/);
    expect(() => mapBreakdown([1, 2], 2)).toThrow(/class 2 does not exist \(classes: 0 to 1\)/);
    expect(() => mapBreakdown([1, Number.NaN], 0)).toThrow(/distance y1 is NaN/);
  });
});
