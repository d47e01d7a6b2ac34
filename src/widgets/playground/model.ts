/**
 * The Playground's pure logic: strokes as data, the stroke width to render them with, and how
 * the network's ten outputs are read. Rasterising and painting are in playground.ts.
 */
export type Point = { x: number; y: number };
export type Stroke = Point[];

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
