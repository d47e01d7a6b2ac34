/**
 * From an MNIST digit to the network's input (section II.B and III.A of the paper): the 28×28
 * image is centred in a 32×32 field, so that strokes near the border still fall in the centre
 * of some C1 receptive fields, and grey levels are mapped so that the paper (white) is −0.1
 * and the ink (black) 1.175 — the mean input is then about 0 and its variance about 1, which
 * speeds up learning.
 */
import type { Digits } from './idx.ts';

export const BACKGROUND = -0.1;
export const FOREGROUND = 1.175;

/**
 * Writes digit `index` of `digits` into `out` (size×size, row by row): padded evenly on each
 * side with background, grey level g ∈ [0, 255] mapped linearly to −0.1 + g·(1.275/255).
 * Returns `out`. `size` must be at least the image size.
 */
// #region prepare-digit
export function prepareDigit(digits: Pick<Digits, 'pixels' | 'rows' | 'cols'>, index: number, out: Float32Array, size = 32): Float32Array {
  const { rows, cols, pixels } = digits;
  if (size < rows || size < cols || out.length !== size * size) {
    throw new RangeError(`prepareDigit: a ${rows}×${cols} digit does not fit a ${size}×${size} input of ${out.length} values`);
  }
  const top = (size - rows) >> 1;
  const left = (size - cols) >> 1;
  const scale = (FOREGROUND - BACKGROUND) / 255;
  out.fill(BACKGROUND);
  let p = index * rows * cols;
  for (let y = 0; y < rows; y++) {
    const row = (top + y) * size + left;
    for (let x = 0; x < cols; x++) out[row + x] = BACKGROUND + pixels[p++] * scale;
  }
  return out;
}
// #endregion prepare-digit
