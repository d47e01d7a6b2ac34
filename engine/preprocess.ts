/**
 * From a drawing to an MNIST-like digit, the way MNIST itself was made (LeCun, Cortes & Burges,
 * the MNIST page; section III.A of the paper): the ink is cropped to its bounding box, scaled so
 * that its longer side is 20 pixels (keeping the aspect ratio, with anti-aliasing: each new
 * pixel is the average of the area it covers), then placed in a 28×28 field, moved by whole
 * pixels so that its centre of mass falls as near as it can to `MNIST_CENTRE`. `prepareDigit`
 * (input.ts) then pads it to 32×32.
 * Pure numerics on arrays of grey levels: no DOM.
 */

/** The side of the box the ink is scaled into, and of the field it is centred in. */
export const INK_BOX = 20;
export const FIELD = 28;
/**
 * Where MNIST's digits have their centre of mass, in the coordinates of `centreOfMass` (pixel
 * centres at i + ½): at 14.5 in x and y, not at the field's middle, 14. Measured on the 10,000
 * test digits: mean (14.51, 14.49), every digit between 14 and 15 — the original centring
 * measured from pixel indices (centres at i) and aimed at index 14. Aiming at 14 instead moves
 * three digits in four by a pixel, and costs both networks about half a point of accuracy.
 */
export const MNIST_CENTRE = 14.5;

/** The bounding box of the pixels whose ink is above `threshold`, or null when there is none. */
export function inkBox(ink: ArrayLike<number>, width: number, height: number, threshold = 0):
  { left: number; top: number; width: number; height: number } | null {
  if (ink.length !== width * height) throw new RangeError(`inkBox: ${ink.length} values for a ${width}×${height} image`);
  let left = width, right = -1, top = height, bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * Resamples a w×h image to W×H by area averaging: each output pixel is the mean of the source
 * area it covers, partial pixels weighted by their overlap. The mean grey level is preserved.
 */
export function resampleArea(src: ArrayLike<number>, w: number, h: number, W: number, H: number): Float64Array {
  if (src.length !== w * h) throw new RangeError(`resampleArea: ${src.length} values for a ${w}×${h} image`);
  if (!(W >= 1 && H >= 1)) throw new RangeError(`resampleArea: target size ${W}×${H} is not allowed`);
  // Horizontal pass (w → W), then vertical (h → H); weights[o] lists [source index, overlap].
  const weights = (n: number, N: number): [number, number][][] => {
    const step = n / N;
    return Array.from({ length: N }, (_, o) => {
      const a = o * step;
      const b = (o + 1) * step;
      const list: [number, number][] = [];
      for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) {
        const overlap = Math.min(b, i + 1) - Math.max(a, i);
        if (overlap > 1e-12) list.push([i, overlap / step]);
      }
      return list;
    });
  };
  const wx = weights(w, W);
  const wy = weights(h, H);
  const rows = new Float64Array(h * W);
  for (let y = 0; y < h; y++) {
    for (let X = 0; X < W; X++) {
      let s = 0;
      for (const [i, f] of wx[X]) s += src[y * w + i] * f;
      rows[y * W + X] = s;
    }
  }
  const out = new Float64Array(H * W);
  for (let Y = 0; Y < H; Y++) {
    for (let X = 0; X < W; X++) {
      let s = 0;
      for (const [j, f] of wy[Y]) s += rows[j * W + X] * f;
      out[Y * W + X] = s;
    }
  }
  return out;
}

/** Centre of mass (x, y) of a w×h image, pixel centres at i + ½; null when it has no ink. */
export function centreOfMass(img: ArrayLike<number>, w: number, h: number): { x: number; y: number } | null {
  let m = 0, sx = 0, sy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = img[y * w + x];
      m += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: sx / m, y: sy / m } : null;
}

export interface Preprocessed {
  /** FIELD×FIELD grey levels, 0 = paper … 255 = ink, row by row (what `prepareDigit` takes). */
  pixels: Uint8Array;
  /** The ink's bounding box in the drawing. */
  box: { left: number; top: number; width: number; height: number };
  /** Size of the scaled ink (the longer side is INK_BOX) and where its top-left corner landed in the field. */
  scaled: { width: number; height: number; left: number; top: number };
}

/**
 * Turns a drawing (`ink`: width×height grey levels, 0 = paper … 255 = ink) into a 28×28 MNIST
 * digit. Returns null when nothing is drawn. Ink that the centring pushes past the field's edge
 * is dropped (only possible for very lopsided drawings). `centre`: where the centre of mass is
 * aimed (MNIST's, unless you want to see what another choice costs).
 */
export function preprocessDrawing(ink: ArrayLike<number>, width: number, height: number, threshold = 0, centre = MNIST_CENTRE): Preprocessed | null {
  const box = inkBox(ink, width, height, threshold);
  if (!box) return null;
  const crop = new Float64Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) crop[y * box.width + x] = Math.max(0, Math.min(255, ink[(box.top + y) * width + box.left + x]));
  }
  const scale = INK_BOX / Math.max(box.width, box.height);
  const W = Math.max(1, Math.min(INK_BOX, Math.round(box.width * scale)));
  const H = Math.max(1, Math.min(INK_BOX, Math.round(box.height * scale)));
  const small = resampleArea(crop, box.width, box.height, W, H);
  const com = centreOfMass(small, W, H)!;
  const left = Math.round(centre - com.x);
  const top = Math.round(centre - com.y);
  const pixels = new Uint8Array(FIELD * FIELD);
  for (let y = 0; y < H; y++) {
    const fy = top + y;
    if (fy < 0 || fy >= FIELD) continue;
    for (let x = 0; x < W; x++) {
      const fx = left + x;
      if (fx < 0 || fx >= FIELD) continue;
      pixels[fy * FIELD + fx] = Math.round(small[y * W + x]);
    }
  }
  return { pixels, box, scaled: { width: W, height: H, left, top } };
}

/**
 * Deskewing (an option; MNIST itself was not deskewed): the slant of a digit is the shear that
 * makes its ink's second moments uncorrelated, k = cov(x, y) / var(y). Each row is moved
 * sideways by −k·(y − ȳ), with linear interpolation, so the centre of mass stays where it was
 * and a slanted stroke stands upright. Returns the new size×size grey levels and k.
 */
export function deskew(pixels: ArrayLike<number>, size = FIELD): { pixels: Uint8Array; slant: number } {
  if (pixels.length !== size * size) throw new RangeError(`deskew: ${pixels.length} values for a ${size}×${size} image`);
  const com = centreOfMass(pixels, size, size);
  const out = new Uint8Array(size * size);
  if (!com) return { pixels: out, slant: 0 };
  let m = 0, xy = 0, yy = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = pixels[y * size + x];
      m += v;
      xy += v * (x + 0.5 - com.x) * (y + 0.5 - com.y);
      yy += v * (y + 0.5 - com.y) ** 2;
    }
  }
  const slant = yy > 0 ? xy / yy : 0;
  for (let y = 0; y < size; y++) {
    const shift = slant * (y + 0.5 - com.y); // output pixel x looks at x + shift
    for (let x = 0; x < size; x++) {
      const sx = x + shift;
      const x0 = Math.floor(sx), f = sx - x0;
      const a = x0 >= 0 && x0 < size ? pixels[y * size + x0] : 0;
      const b = x0 + 1 >= 0 && x0 + 1 < size ? pixels[y * size + x0 + 1] : 0;
      out[y * size + x] = Math.round((1 - f) * a + f * b);
    }
  }
  return { pixels: out, slant: m > 0 ? slant : 0 };
}
