/**
 * The Playground's pure logic: strokes as data, the stroke width to render them with, the
 * readers (weights) it offers, and the rules that decide what it says about a drawing — too
 * small, two pieces side by side, not sure, or an answer. Rasterising and painting are in
 * playground.ts; every number the rules use is below, with where it comes from.
 */
import type { VariantName } from '../../../engine/index.ts';

export type Point = { x: number; y: number };
export type Stroke = Point[];

/** The pad's drawing resolution (CSS scales it to the page): ten pad pixels per MNIST pixel. */
export const PAD = 280;
/** A rendered pad pixel whose ink (alpha, 0–255) is above this counts when the ink is cropped. */
export const INK_THRESHOLD = 16;

/** The bounding box of all points, or null when there are none. */
export function strokesBox(strokes: Stroke[]): { left: number; top: number; right: number; bottom: number } | null {
  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  for (const s of strokes) for (const p of s) {
    left = Math.min(left, p.x); right = Math.max(right, p.x);
    top = Math.min(top, p.y); bottom = Math.max(bottom, p.y);
  }
  return Number.isFinite(left) ? { left, top, right, bottom } : null;
}

/**
 * MNIST strokes are about 2 to 3 pixels wide once the digit's longer side is 20 pixels, so we
 * render the reader's strokes at an eighth of the drawing's longer side (never thinner than
 * `min`), whatever size the reader drew at; the pad itself shows them at its own width.
 */
export const STROKE_SHARE = 1 / 8;
export function strokeWidth(strokes: Stroke[], min = 4): number {
  const box = strokesBox(strokes);
  if (!box) return min;
  return Math.max(min, STROKE_SHARE * Math.max(box.right - box.left, box.bottom - box.top));
}

/** Removes the last stroke (the "Undo last stroke" button); a new array, the old one untouched. */
export function undoStroke(strokes: Stroke[]): Stroke[] {
  return strokes.slice(0, -1);
}

/**
 * The weights the reader can choose. By default the networks trained with the paper's
 * distortions (`lenet train --distort`, README): they read drawn digits better than the plain
 * reproduction, whose weights the chapters quote beside the paper's 0.95 %.
 */
export interface Reader {
  id: 'faithful-distort' | 'modern-distort' | 'faithful' | 'modern';
  variant: VariantName;
  /** The file in public/weights/. */
  file: string;
  /**
   * Where this network's answers become "not sure" (see `unsure`): a smallest RBF distance for the
   * faithful network, a top probability for the modern one. Measured by bench/unsure.ts.
   */
  unsureAt: number;
}
export const READERS: readonly Reader[] = [
  { id: 'faithful-distort', variant: 'faithful', file: 'faithful-distort.bin', unsureAt: 12.0 },
  { id: 'modern-distort', variant: 'modern', file: 'modern-distort.bin', unsureAt: 0.982 },
  { id: 'faithful', variant: 'faithful', file: 'faithful.bin', unsureAt: 13.6 },
  { id: 'modern', variant: 'modern', file: 'modern.bin', unsureAt: 0.996 },
];

/** The reader of a variant's weights trained in the page: the thresholds of the default network of that variant. */
export const readerFor = (variant: VariantName): Reader => READERS.find((r) => r.variant === variant)!;

/**
 * A drawing whose longer side is under this share of the pad is "too small": blown up to 20×20
 * pixels, a dot or a scribble becomes a blob the network will still name. A natural digit spans
 * most of the pad; a tenth of it (28 px) is about three MNIST pixels.
 */
export const MIN_SIDE_SHARE = 0.1;

export function tooSmall(strokes: Stroke[], pad = PAD): boolean {
  const box = strokesBox(strokes);
  if (!box) return false;
  return Math.max(box.right - box.left, box.bottom - box.top) < MIN_SIDE_SHARE * pad;
}

/** A piece of ink: one connected region of the rendered drawing, by its bounding box. */
export interface Piece { left: number; right: number; top: number; bottom: number; size: number }

/**
 * The connected pieces of ink (8-connected pixels whose ink is above `threshold`), by bounding
 * box and pixel count, left to right. The image is looked at in cells of `cell`×`cell` pixels
 * (a cell is ink when any of its pixels is), which is fast and bridges hairline gaps.
 */
export function inkPieces(ink: ArrayLike<number>, width: number, height: number, threshold = INK_THRESHOLD, cell = 4): Piece[] {
  if (ink.length !== width * height) throw new RangeError(`inkPieces: ${ink.length} values for a ${width}×${height} image`);
  const w = Math.ceil(width / cell), h = Math.ceil(height / cell);
  const on = new Uint8Array(w * h);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (ink[y * width + x] > threshold) on[Math.floor(y / cell) * w + Math.floor(x / cell)] = 1;
  const seen = new Uint8Array(w * h);
  const pieces: Piece[] = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!on[start] || seen[start]) continue;
    const p: Piece = { left: w, right: -1, top: h, bottom: -1, size: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w, y = (i - x) / w;
      p.left = Math.min(p.left, x); p.right = Math.max(p.right, x);
      p.top = Math.min(p.top, y); p.bottom = Math.max(p.bottom, y);
      p.size++;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (on[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
      }
    }
    // Back to pixels: the box covers whole cells.
    pieces.push({ left: p.left * cell, right: Math.min(width, (p.right + 1) * cell) - 1, top: p.top * cell, bottom: Math.min(height, (p.bottom + 1) * cell) - 1, size: p.size * cell * cell });
  }
  return pieces.sort((a, b) => a.left - b.left);
}

/**
 * Side by side: the pieces, grouped into columns wherever their horizontal extents overlap, form
 * two or more columns, each at least `TALL_SHARE` of the drawing's height, with a clear gap (at
 * least `GAP_SHARE` of the drawing's width) between neighbours. Digits drawn in several strokes
 * (a 4, a 5's flag, a 7's bar) overlap horizontally, and a dot or a small flag is not tall.
 */
export const TALL_SHARE = 0.5;
export const GAP_SHARE = 0.12;

export function sideBySide(pieces: Piece[]): boolean {
  if (pieces.length < 2) return false;
  const top = Math.min(...pieces.map((p) => p.top)), bottom = Math.max(...pieces.map((p) => p.bottom));
  const left = Math.min(...pieces.map((p) => p.left)), right = Math.max(...pieces.map((p) => p.right));
  const columns: { left: number; right: number; top: number; bottom: number }[] = [];
  for (const p of pieces) { // sorted by left edge
    const last = columns[columns.length - 1];
    if (last && p.left <= last.right) {
      last.right = Math.max(last.right, p.right);
      last.top = Math.min(last.top, p.top);
      last.bottom = Math.max(last.bottom, p.bottom);
    } else columns.push({ ...p });
  }
  const tall = columns.filter((c) => c.bottom - c.top + 1 >= TALL_SHARE * (bottom - top + 1));
  for (let i = 1; i < tall.length; i++) {
    if (tall[i].left - tall[i - 1].right - 1 >= GAP_SHARE * (right - left + 1)) return true;
  }
  return false;
}

/**
 * When an answer is "not sure". Each reader's threshold (`unsureAt`) is chosen on the 10,000
 * MNIST test digits (`node_modules/.bin/node bench/unsure.ts`, README) so that it flags
 * `UNSURE_SHARE` (2 %) of the answers that network gets right — and, in exchange, three quarters
 * or more of those it gets wrong:
 *   faithful: the smallest RBF distance above the threshold;
 *   modern: the top softmax probability below it.
 */
export const UNSURE_SHARE = 0.02;

export function unsure(variant: VariantName, output: ArrayLike<number>, threshold: number): boolean {
  if (variant === 'faithful') return Math.min(...Array.from(output)) > threshold;
  return Math.max(...Array.from(output)) < threshold;
}

/** What the Playground says about a drawing, in order of precedence. */
export type Verdict = 'empty' | 'small' | 'pieces' | 'unsure' | 'sure';

/**
 * `output`: the faithful network's ten distances or the modern one's ten probabilities (softmax),
 * or null when it was not run. A drawing too small is not classified at all.
 */
export function verdict(strokes: Stroke[], pieces: Piece[], reader: Pick<Reader, 'variant' | 'unsureAt'>, output: ArrayLike<number> | null): Verdict {
  if (!strokes.length) return 'empty';
  if (tooSmall(strokes)) return 'small';
  if (!output) return 'empty';
  if (sideBySide(pieces)) return 'pieces';
  return unsure(reader.variant, output, reader.unsureAt) ? 'unsure' : 'sure';
}
