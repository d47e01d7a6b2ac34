/** Training with distortions (section III.C): the affine warp by hand, the ranges, and seeded, resumable runs. */
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND, DISTORTION, FOREGROUND, IDENTITY, Model, Trainer, distortionStream, lenet5, mapLoss, prepareDigit, randomAffine, trainCommand, warpDigit, type Digits,
} from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';

/** A one-digit 28×28 "data set" with the pixels given as [row, col, grey]. */
function digit(dots: [number, number, number][]): Digits {
  const pixels = new Uint8Array(784);
  for (const [r, c, g] of dots) pixels[r * 28 + c] = g;
  return { count: 1, rows: 28, cols: 28, pixels, labels: new Uint8Array(1) };
}
const grey = (v: number): number => (v - BACKGROUND) / ((FOREGROUND - BACKGROUND) / 255);

describe('the affine warp', () => {
  const train = loadMnist('train');

  it('the identity gives exactly the undistorted input', () => {
    for (const i of [0, 1, 59999]) {
      expect(warpDigit(train, i, IDENTITY, new Float32Array(1024))).toEqual(prepareDigit(train, i, new Float32Array(1024)));
    }
  });

  it('a whole-pixel translation moves every pixel by that much', () => {
    const plain = prepareDigit(train, 7, new Float32Array(1024));
    const moved = warpDigit(train, 7, { ...IDENTITY, dx: 1, dy: -2 }, new Float32Array(1024));
    for (let y = 0; y < 30; y++) for (let x = 1; x < 32; x++) expect(moved[y * 32 + x]).toBe(plain[(y + 2) * 32 + x - 1]);
  });

  it('scaling by 2 spreads one pixel with bilinear weights: ¾ on the two nearest pixels each side, ¼ on the next', () => {
    // The dot at image (13, 13) is field pixel (15, 15). With scale 2 about the centre 15.5, field
    // pixel 15 looks at 15.5 + (15 − 15.5)/2 = 15.25, i.e. ¾ of pixel 15 and ¼ of pixel 16; pixel 14
    // looks at 14.75: ¾ of 15 again; pixels 16 and 13 at 15.75 and 14.25: ¼ of 15; pixel 12 at 13.75: none.
    const out = warpDigit(digit([[13, 13, 255]]), 0, { ...IDENTITY, scale: 2 }, new Float32Array(1024));
    const at = (x: number, y: number): number => grey(out[y * 32 + x]);
    expect(at(15, 15)).toBeCloseTo(255 * 0.75 * 0.75, 3);
    expect(at(14, 14)).toBeCloseTo(255 * 0.75 * 0.75, 3);
    expect(at(14, 15)).toBeCloseTo(255 * 0.75 * 0.75, 3);
    expect(at(16, 15)).toBeCloseTo(255 * 0.25 * 0.75, 3);
    expect(at(16, 16)).toBeCloseTo(255 * 0.25 * 0.25, 3);
    expect(at(13, 15)).toBeCloseTo(255 * 0.25 * 0.75, 3);
    expect(at(12, 15)).toBeCloseTo(0, 3);
  });

  it('a horizontal shear moves each row by shear × its distance from the centre, and keeps rows', () => {
    // shear 1: a row 2.5 below the centre (field row 18) moves 2.5 px right, so pixel x looks at x − 2.5.
    const out = warpDigit(digit([[16, 10, 200], [16, 11, 200]]), 0, { ...IDENTITY, shear: 1 }, new Float32Array(1024));
    // The ink is at field pixels 12 and 13 of row 18: output 15 looks at 12.5 (½ + ½ → 200), 14 at 11.5, 16 at 13.5 (½ → 100).
    expect(grey(out[18 * 32 + 15])).toBeCloseTo(200, 3);
    expect(grey(out[18 * 32 + 14])).toBeCloseTo(100, 3);
    expect(grey(out[18 * 32 + 16])).toBeCloseTo(100, 3);
    expect(grey(out[17 * 32 + 15])).toBeCloseTo(0, 3);
  });

  it('squeezing narrows and lengthens: the ink keeps its centre and roughly its area', () => {
    const plain = prepareDigit(train, 3, new Float32Array(1024));
    const squeezed = warpDigit(train, 3, { ...IDENTITY, squeeze: 0.8 }, new Float32Array(1024));
    const spread = (v: Float32Array) => {
      let m = 0, sx = 0, sy = 0, xx = 0, yy = 0;
      v.forEach((g, i) => { const w = g - BACKGROUND; const x = i % 32, y = Math.floor(i / 32); m += w; sx += w * x; sy += w * y; xx += w * x * x; yy += w * y * y; });
      return { m, wx: Math.sqrt(xx / m - (sx / m) ** 2), wy: Math.sqrt(yy / m - (sy / m) ** 2) };
    };
    const a = spread(plain), b = spread(squeezed);
    expect(b.wx / a.wx).toBeCloseTo(0.8, 1);
    expect(b.wy / a.wy).toBeCloseTo(1.25, 1);
    expect(b.m / a.m).toBeCloseTo(1, 1); // area × 0.8 × 1.25
  });

  it('refuses a non-positive scale and says which parameters are allowed', () => {
    expect(() => warpDigit(train, 0, { ...IDENTITY, scale: 0 }, new Float32Array(1024))).toThrow(/scale and squeeze must be positive/);
  });
});

describe('random distortions', () => {
  it('every drawn parameter lies in its documented range, and the ranges are used', () => {
    let maxShift = 0, maxShear = 0, minScale = 2, maxSqueeze = 0;
    for (let i = 0; i < 2000; i++) {
      const a = randomAffine(distortionStream(1, 0, i));
      expect(Math.abs(a.dx)).toBeLessThan(DISTORTION.shift);
      expect(Math.abs(a.dy)).toBeLessThan(DISTORTION.shift);
      expect(Math.abs(a.scale - 1)).toBeLessThan(DISTORTION.scale);
      expect(Math.abs(Math.log(a.squeeze))).toBeLessThan(Math.log(DISTORTION.squeeze));
      expect(Math.abs(a.shear)).toBeLessThan(DISTORTION.shear);
      maxShift = Math.max(maxShift, Math.abs(a.dx));
      maxShear = Math.max(maxShear, Math.abs(a.shear));
      minScale = Math.min(minScale, a.scale);
      maxSqueeze = Math.max(maxSqueeze, a.squeeze);
    }
    expect(maxShift).toBeGreaterThan(0.95 * DISTORTION.shift);
    expect(maxShear).toBeGreaterThan(0.95 * DISTORTION.shear);
    expect(minScale).toBeLessThan(1 - 0.95 * DISTORTION.scale);
    expect(maxSqueeze).toBeGreaterThan(DISTORTION.squeeze ** 0.95);
  });

  it('one stream per (seed, pass, digit): the same key repeats, any other key differs', () => {
    const a = randomAffine(distortionStream(3, 1, 42));
    expect(randomAffine(distortionStream(3, 1, 42))).toEqual(a);
    for (const [s, p, i] of [[4, 1, 42], [3, 2, 42], [3, 1, 43]]) expect(randomAffine(distortionStream(s, p, i))).not.toEqual(a);
  });
});

describe('training with distortions', () => {
  const train = loadMnist('train');
  const tiny: Digits = { ...train, count: 120, pixels: train.pixels.subarray(0, 120 * 784), labels: train.labels.subarray(0, 120) };
  const options = { loss: mapLoss(), data: tiny, optimizer: 'sdlm' as const, rate: 0.0002, mu: 0.1, passes: 2, seed: 6, schedule: 'linear' as const, curvatureSamples: 30 };
  const trained = (distort: boolean): Model => {
    const model = new Model(lenet5(), 6);
    const t = new Trainer({ model, ...options, distort });
    t.step(120);
    expect(t.step(120).state).toBe('done');
    return model;
  };

  it('the same settings give the same weights; without --distort, other weights', () => {
    const a = trained(true);
    expect(trained(true).params).toEqual(a.params);
    expect(trained(false).params).not.toEqual(a.params);
  });

  it('a distorted run resumed after pass 1 ends exactly where the uninterrupted run ends', () => {
    const straight = trained(true);
    const first = new Model(lenet5(), 6);
    expect(new Trainer({ model: first, ...options, distort: true }).step(120).state).toBe('pass-done');
    const resumed = new Model(lenet5(), 99);
    resumed.params.set(first.params);
    expect(new Trainer({ model: resumed, ...options, distort: true, startPass: 1 }).step(120).state).toBe('done');
    expect(resumed.params).toEqual(straight.params);
  });

  it('the command records the flag', () => {
    const r = { variant: 'modern' as const, trainSize: 60000, passes: 20, seed: 1, optimizer: 'sgd' as const, rate: 0.01, schedule: 'paper' as const, batchSize: 1, momentum: 0, mu: 0.02, mapJ: 10 };
    expect(trainCommand({ ...r, distort: true })).toMatch(/ --distort$/);
    expect(trainCommand(r)).not.toMatch(/distort/);
  });
});
