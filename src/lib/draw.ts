/**
 * Drawing activations and weights. A diverging palette, the same in light and dark themes:
 * negative values blue, zero near-white, positive dark red — the squashing function's range
 * ±1.7159 maps to the palette's ends, so maps of different layers can be compared.
 */
const NEG = [33, 102, 172];
const MID = [247, 247, 247];
const POS = [178, 24, 43];

/** RGB of value v on a scale of ±limit (values beyond are clamped; non-finite values draw as mid grey). */
export function diverging(v: number, limit: number): [number, number, number] {
  if (!Number.isFinite(v) || !(limit > 0)) return [128, 128, 128];
  const t = Math.max(-1, Math.min(1, v / limit));
  const end = t < 0 ? NEG : POS;
  const a = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round(MID[i] + (end[i] - MID[i]) * a)) as [number, number, number];
}

/** Paints a height×width plane (row by row, starting at `offset` of `values`) onto a canvas, one pixel per unit. */
export function paintPlane(canvas: HTMLCanvasElement, values: ArrayLike<number>, offset: number, height: number, width: number, limit: number): void {
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < height * width; i++) {
    const [r, g, b] = diverging(values[offset + i], limit);
    image.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

/** Paints grey levels 0 (paper, white) … 255 (ink, black), as MNIST stores them. */
export function paintGrey(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, height: number, width: number): void {
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < height * width; i++) {
    const g = 255 - pixels[i];
    image.data.set([g, g, g, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}
