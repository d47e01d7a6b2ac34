import { describe, expect, test } from 'vitest';
import {
  GAP_SHARE, MIN_SIDE_SHARE, PAD, READERS, inkPieces, sideBySide, strokeWidth, strokesBox, tooSmall, undoStroke, unsure, verdict, type Piece, type Stroke,
} from '../../src/widgets/playground/model.ts';

/** A w×h image of zeros with the rectangles [x0, y0, x1, y1) set to 255. */
function image(w: number, h: number, rects: [number, number, number, number][]): Uint8Array {
  const img = new Uint8Array(w * h);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img[y * w + x] = 255;
  return img;
}
const piece = (left: number, right: number, top: number, bottom: number): Piece => ({ left, right, top, bottom, size: 1 });
const line = (x0: number, y0: number, x1: number, y1: number): Stroke => [{ x: x0, y: y0 }, { x: x1, y: y1 }];

describe('playground strokes', () => {
  test('bounding box and a stroke width an eighth of the longer side', () => {
    const strokes = [[{ x: 10, y: 20 }, { x: 30, y: 180 }], [{ x: 50, y: 60 }]];
    expect(strokesBox(strokes)).toEqual({ left: 10, top: 20, right: 50, bottom: 180 });
    expect(strokeWidth(strokes)).toBe(20);
    expect(strokeWidth([[{ x: 5, y: 5 }]])).toBe(4);
    expect(strokesBox([])).toBeNull();
  });

  test('undo removes the last stroke only, and leaves nothing alone', () => {
    const a = line(0, 0, 10, 10), b = line(5, 5, 6, 6);
    const strokes = [a, b];
    expect(undoStroke(strokes)).toEqual([a]);
    expect(strokes).toEqual([a, b]);
    expect(undoStroke([])).toEqual([]);
  });
});

describe('too small to read', () => {
  test('a drawing whose longer side is under a tenth of the pad is too small; at a tenth it is not', () => {
    const limit = MIN_SIDE_SHARE * PAD; // 28 px
    expect(tooSmall([[{ x: 100, y: 100 }]])).toBe(true); // a tap: a dot
    expect(tooSmall([line(100, 100, 100, 100 + limit - 1)])).toBe(true);
    expect(tooSmall([line(100, 100, 100, 100 + limit)])).toBe(false);
    expect(tooSmall([line(10, 10, 12, 12), line(200, 10, 202, 12)])).toBe(false); // two dots far apart: the box is large
    expect(tooSmall([])).toBe(false);
  });
});

describe('pieces of ink', () => {
  test('8-connected pieces by bounding box, left to right, in whole cells', () => {
    // Two 8×40 bars and a diagonal pair of 4×4 squares touching at a corner (one piece).
    const img = image(100, 60, [[60, 8, 68, 48], [8, 8, 16, 48], [40, 0, 44, 4], [44, 4, 48, 8]]);
    const pieces = inkPieces(img, 100, 60, 16, 4);
    expect(pieces.map(({ left, right, top, bottom }) => [left, right, top, bottom])).toEqual([[8, 15, 8, 47], [40, 47, 0, 7], [60, 67, 8, 47]]);
    expect(pieces.map((p) => p.size)).toEqual([320, 32, 320]);
    expect(inkPieces(new Uint8Array(16), 4, 4)).toEqual([]);
  });

  test('two tall columns with a clear gap are side by side', () => {
    // Width 0…199: the gap 80…119 (40 px) is 20 % of the width, above GAP_SHARE.
    expect(GAP_SHARE).toBeLessThan(0.2);
    expect(sideBySide([piece(0, 79, 0, 99), piece(120, 199, 10, 90)])).toBe(true);
  });

  test('not side by side: one piece; pieces that overlap horizontally (a 4, a 5’s flag); a short piece; a narrow gap', () => {
    expect(sideBySide([piece(0, 99, 0, 99)])).toBe(false);
    expect(sideBySide([piece(0, 60, 0, 60), piece(50, 80, 0, 99)])).toBe(false); // overlapping columns merge
    expect(sideBySide([piece(0, 79, 0, 99), piece(120, 199, 0, 30)])).toBe(false); // the second is under half the height
    expect(sideBySide([piece(0, 95, 0, 99), piece(104, 199, 0, 99)])).toBe(false); // gap 8 px of 200: 4 %
  });
});

describe('not sure', () => {
  test('faithful: the smallest distance above the threshold; modern: the top probability below it', () => {
    const d = (min: number) => [min, 40, 50, 60, 70, 80, 90, 100, 110, 120];
    expect(unsure('faithful', d(12.01), 12)).toBe(true);
    expect(unsure('faithful', d(12), 12)).toBe(false);
    const p = (top: number) => [top, ...Array.from({ length: 9 }, () => (1 - top) / 9)];
    expect(unsure('modern', p(0.969), 0.97)).toBe(true);
    expect(unsure('modern', p(0.97), 0.97)).toBe(false);
  });

  test('every reader has a threshold of its kind: a distance for the faithful network, a probability for the modern one', () => {
    for (const r of READERS) {
      if (r.variant === 'faithful') expect(r.unsureAt).toBeGreaterThan(1);
      else expect(r.unsureAt > 0.5 && r.unsureAt < 1).toBe(true);
    }
  });
});

describe('the verdict, in order of precedence', () => {
  const big = [line(140, 40, 140, 240)];
  const sure = [1, 40, 50, 60, 70, 80, 90, 100, 110, 120];
  const faithful = READERS.find((r) => r.id === 'faithful-distort')!;
  const vague = [faithful.unsureAt + 5, 40, 50, 60, 70, 80, 90, 100, 110, 120];
  const apart = [piece(0, 79, 0, 99), piece(120, 199, 0, 99)];
  test('empty, then too small (even before the network has answered), then pieces, then unsure, then sure', () => {
    expect(verdict([], [], faithful, sure)).toBe('empty');
    expect(verdict([[{ x: 5, y: 5 }]], apart, faithful, null)).toBe('small');
    expect(verdict(big, [], faithful, null)).toBe('empty'); // no answer yet (weights loading)
    expect(verdict(big, apart, faithful, vague)).toBe('pieces');
    expect(verdict(big, [], faithful, vague)).toBe('unsure');
    expect(verdict(big, [], faithful, sure)).toBe('sure');
  });
});
