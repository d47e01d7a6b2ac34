import { describe, expect, test } from 'vitest';
import { centreOfMass, deskew, inkBox, preprocessDrawing, resampleArea } from '../../engine/preprocess.ts';

/** A w×h canvas of zeros with rectangle [x0, x1) × [y0, y1) set to v. */
function canvas(w: number, h: number, rects: [number, number, number, number, number][]): Uint8Array {
  const c = new Uint8Array(w * h);
  for (const [x0, y0, x1, y1, v] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) c[y * w + x] = v;
  return c;
}

/** The rows and columns of a 28×28 result that hold ink. */
function extent(p: Uint8Array) {
  const xs: number[] = [], ys: number[] = [];
  p.forEach((v, i) => { if (v > 0) { xs.push(i % 28); ys.push(Math.floor(i / 28)); } });
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

describe('preprocessing a drawing as MNIST was made', () => {
  test('an empty drawing gives nothing', () => {
    expect(preprocessDrawing(new Uint8Array(100), 10, 10)).toBeNull();
    expect(inkBox(new Uint8Array(4), 2, 2)).toBeNull();
  });

  test('the bounding box of the ink', () => {
    expect(inkBox(canvas(10, 8, [[3, 2, 5, 7, 9]]), 10, 8)).toEqual({ left: 3, top: 2, width: 2, height: 5 });
    expect(inkBox(canvas(10, 8, [[3, 2, 5, 7, 9]]), 10, 8, 9)).toBeNull();
  });

  test('area resampling averages what each new pixel covers', () => {
    // 4 → 2: pairs averaged. 3 → 2: the middle pixel is split half and half (step 1.5).
    expect(Array.from(resampleArea([0, 100, 200, 200], 4, 1, 2, 1))).toEqual([50, 200]);
    expect(Array.from(resampleArea([30, 60, 90], 3, 1, 2, 1))).toEqual([(30 + 0.5 * 60) / 1.5, (0.5 * 60 + 90) / 1.5]);
    // 1 → 2 upscales by repetition; the mean is kept.
    expect(Array.from(resampleArea([7, 9], 1, 2, 2, 2))).toEqual([7, 7, 9, 9]);
  });

  test('centre of mass uses pixel centres', () => {
    expect(centreOfMass([0, 0, 10, 0], 2, 2)).toEqual({ x: 0.5, y: 1.5 });
    expect(centreOfMass([1, 3], 2, 1)).toEqual({ x: (0.5 + 3 * 1.5) / 4, y: 0.5 });
  });

  test('a solid square anywhere becomes a 20×20 square with its centre of mass where MNIST has it', () => {
    // 4×4 at (60, 30) in 100×100: crop 4×4, scale ×5 → 20×20 of 255, centre of mass (10, 10);
    // MNIST's centre is 14.5, so top-left round(4.5) = 5: the mass lands on (15, 15), as near 14.5 as whole pixels allow.
    const r = preprocessDrawing(canvas(100, 100, [[60, 30, 64, 34, 255]]), 100, 100)!;
    expect(r.box).toEqual({ left: 60, top: 30, width: 4, height: 4 });
    expect(r.scaled).toEqual({ width: 20, height: 20, left: 5, top: 5 });
    expect(extent(r.pixels)).toEqual({ left: 5, right: 24, top: 5, bottom: 24 });
    expect(r.pixels.filter((v) => v === 255).length).toBe(400);
  });

  test('a tall bar keeps its aspect ratio: 10×40 → 5×20, centred by mass', () => {
    // Scale 0.5 → 5 wide, 20 tall; centre of mass (2.5, 10) → left 14.5 − 2.5 = 12, top round(4.5) = 5.
    const r = preprocessDrawing(canvas(50, 60, [[20, 10, 30, 50, 200]]), 50, 60)!;
    expect(r.scaled).toEqual({ width: 5, height: 20, left: 12, top: 5 });
    expect(extent(r.pixels)).toEqual({ left: 12, right: 16, top: 5, bottom: 24 });
    expect(r.pixels[10 * 28 + 14]).toBe(200);
  });

  test('centring follows the mass, not the box', () => {
    // 20×20 box (scale 1): a heavy 10×20 left half (255) and a light right half (51).
    // Mass: x̄ = (255·5 + 51·15) / 306 = 6.667 → left = round(14.5 − 6.667) = 8 (not 5, which the box centre would give).
    const r = preprocessDrawing(canvas(20, 20, [[0, 0, 10, 20, 255], [10, 0, 20, 20, 51]]), 20, 20)!;
    expect(r.scaled).toEqual({ width: 20, height: 20, left: 8, top: 5 });
    expect(r.pixels[5 * 28 + 8]).toBe(255);
    expect(r.pixels[5 * 28 + 27]).toBe(51); // column 19 of the scaled digit: the field's last
    expect(r.pixels[4 * 28 + 27]).toBe(0); // the row above the digit
  });

  test('downscaling anti-aliases: a 1-pixel line in a 40-pixel box becomes half-grey', () => {
    // 40×40 box (scale ½): a one-pixel-wide vertical line at x = 0 of a frame whose other corner has a dot.
    const r = preprocessDrawing(canvas(40, 40, [[0, 0, 1, 40, 255], [39, 39, 40, 40, 255]]), 40, 40)!;
    expect(r.scaled.width).toBe(20);
    const col = r.scaled.left;
    expect(r.pixels[(r.scaled.top + 5) * 28 + col]).toBe(128); // (255 + 0) / 2 horizontally, rows both 255 → 127.5 → 128
  });
});

describe('deskewing', () => {
  test('a bar slanted by one pixel per row stands upright, about its centre of mass', () => {
    // Rows 4…14 of a 28×28 field: a 2-pixel bar at x = y and y + 1, i.e. slant k = 1.
    const img = new Uint8Array(28 * 28);
    for (let y = 4; y < 15; y++) { img[y * 28 + y] = 255; img[y * 28 + y + 1] = 255; }
    const { pixels, slant } = deskew(img);
    expect(slant).toBeCloseTo(1, 6);
    // Centre of mass (pixel centres at i + ½): ȳ = 9 + ½, x̄ = mean of (y + 1) = 10. Row y moves by
    // y + ½ − ȳ = y − 9 pixels, so its bar (at y, y + 1) lands on x = 9 and 10 in every row.
    const com = centreOfMass(img, 28, 28)!;
    expect(com).toEqual({ x: 10, y: 9.5 });
    for (let y = 4; y < 15; y++) {
      expect(Array.from(pixels.subarray(y * 28 + 8, y * 28 + 12))).toEqual([0, 255, 255, 0]);
    }
  });

  test('an upright digit is left as it is, and nothing stays nothing', () => {
    const img = new Uint8Array(28 * 28);
    for (let y = 4; y < 24; y++) img[y * 28 + 14] = 200;
    expect(deskew(img)).toEqual({ pixels: img, slant: 0 });
    expect(deskew(new Uint8Array(784)).slant).toBe(0);
  });
});
