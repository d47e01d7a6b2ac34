/**
 * Training with distortions (section III.C and Fig. 7 of the paper): LeNet-5 reached 0.8 % test
 * error instead of 0.95 % when its training set was enlarged with randomly distorted copies of
 * the training digits — "random combinations of planar affine transformations": horizontal and
 * vertical translation, scaling, squeezing (horizontal compression with vertical elongation, or
 * the reverse) and horizontal shearing. The paper gives no ranges; ours are `DISTORTION` below.
 *
 * The paper drew nine fixed distorted copies of each digit (540,000 images) once. We draw a fresh
 * distortion of every digit in every pass instead, from a random stream keyed by the run's seed,
 * the pass and the digit's index: the same command gives the same weights, a resumed run goes on
 * exactly, and no enlarged set has to be stored.
 */
import type { Digits } from './idx.ts';
import { BACKGROUND, FOREGROUND } from './input.ts';
import { Random } from './random.ts';

/** The ranges we draw from, uniformly, each independently of the others. */
export const DISTORTION = {
  /** Horizontal and vertical translation, in pixels: −2 to +2 each. */
  shift: 2,
  /** Scaling of both axes together: ×0.9 to ×1.1. */
  scale: 0.1,
  /** Squeezing: width × q and height ÷ q, q from 1/1.15 to 1.15 (drawn on a log scale). */
  squeeze: 1.15,
  /** Horizontal shearing: x moves by k·y (y measured from the centre), k from −0.2 to +0.2 (about ±11°). */
  shear: 0.2,
} as const;

/** One planar affine distortion, about the centre of the field: see `warpDigit`. */
export interface Affine {
  /** Translation in pixels (x to the right, y down). */
  dx: number;
  dy: number;
  /** Scaling of both axes. */
  scale: number;
  /** Squeeze: x is multiplied by q and y divided by q. */
  squeeze: number;
  /** Horizontal shear: x gains shear·y before scaling. */
  shear: number;
}

export const IDENTITY: Affine = { dx: 0, dy: 0, scale: 1, squeeze: 1, shear: 0 };

/** Draws one distortion from `DISTORTION`'s ranges. */
export function randomAffine(rng: Random): Affine {
  return {
    dx: rng.symmetric(DISTORTION.shift),
    dy: rng.symmetric(DISTORTION.shift),
    scale: 1 + rng.symmetric(DISTORTION.scale),
    squeeze: Math.exp(rng.symmetric(Math.log(DISTORTION.squeeze))),
    shear: rng.symmetric(DISTORTION.shear),
  };
}

/**
 * The random stream of one sample of one pass of one run. Each (seed, pass, index) gets its own
 * stream, so the distortion a digit receives does not depend on what was drawn before it: the
 * order of the samples, the curvature estimate and a resumed run all see the same distortion.
 */
export function distortionStream(seed: number, pass: number, index: number): Random {
  // Three 32-bit numbers mixed into one seed (multipliers from splitmix/murmur finalisers).
  let h = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(pass + 1, 0xc2b2ae35), 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(index + 1, 0x165667b1), 0x9e3779b1);
  return new Random((h ^ (h >>> 16)) >>> 0);
}

/**
 * Writes digit `index`, distorted by `a`, into `out` (size×size, the network's input, grey levels
 * mapped as in `prepareDigit`). The digit sits padded in the centre of the field as `prepareDigit`
 * puts it; then a point p of that field, measured from the field's centre c, moves to
 *   x' = scale·q·(x + shear·y) + dx,   y' = (scale / q)·y + dy,
 * and each output pixel takes the grey level found, by bilinear interpolation, where the inverse
 * map sends its centre (paper outside the digit's 28×28 image). The identity gives exactly
 * `prepareDigit`'s result.
 */
export function warpDigit(digits: Pick<Digits, 'pixels' | 'rows' | 'cols'>, index: number, a: Affine, out: Float32Array, size = 32): Float32Array {
  const { rows, cols, pixels } = digits;
  if (size < rows || size < cols || out.length !== size * size) {
    throw new RangeError(`warpDigit: a ${rows}×${cols} digit does not fit a ${size}×${size} input of ${out.length} values`);
  }
  if (!(a.scale > 0) || !(a.squeeze > 0) || ![a.dx, a.dy, a.shear].every(Number.isFinite)) {
    throw new RangeError(`warpDigit: scale and squeeze must be positive and every parameter finite (got ${JSON.stringify(a)})`);
  }
  const top = (size - rows) >> 1;
  const left = (size - cols) >> 1;
  const c = (size - 1) / 2; // the centre of the field, in pixel-centre coordinates
  const sx = a.scale * a.squeeze;
  const sy = a.scale / a.squeeze;
  const grey = (FOREGROUND - BACKGROUND) / 255;
  const base = index * rows * cols;
  const at = (r: number, q: number): number => (r >= 0 && r < rows && q >= 0 && q < cols ? pixels[base + r * cols + q] : 0);
  for (let oy = 0; oy < size; oy++) {
    // The inverse map: y = (y' − dy)/sy, then x = (x' − dx)/sx − shear·y.
    const y = (oy - c - a.dy) / sy;
    const iy = y + c - top; // row in the 28×28 image
    const r0 = Math.floor(iy);
    const fy = iy - r0;
    for (let ox = 0; ox < size; ox++) {
      const x = (ox - c - a.dx) / sx - a.shear * y;
      const ix = x + c - left;
      const q0 = Math.floor(ix);
      const fx = ix - q0;
      const g = (1 - fy) * ((1 - fx) * at(r0, q0) + fx * at(r0, q0 + 1)) + fy * ((1 - fx) * at(r0 + 1, q0) + fx * at(r0 + 1, q0 + 1));
      out[oy * size + ox] = BACKGROUND + g * grey;
    }
  }
  return out;
}
