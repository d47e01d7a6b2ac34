/**
 * MNIST as scripts/pack-mnist.mjs packs it for the site, under mnist/ below the site's base:
 * every file gzip-compressed; training images in chunks of `chunk`. An image file keeps the IDX
 * header (16 bytes: magic 2051, count, rows, cols) and then, instead of the grey levels one byte
 * per pixel, the "ink mask" — one bit per pixel, most significant first, 1 where the pixel is not
 * paper (0) — followed by the grey levels of those pixels only, in order. Four pixels in five of
 * MNIST are paper, and gzip packs mask and levels 9 % smaller than the plain IDX bytes (10.2 MB
 * against 11.2 MB for the whole set). Label files are plain IDX. public/mnist/manifest.json
 * describes the files and gives each one's size in bytes as sent.
 * Used by scripts/pack-mnist.mjs, the Training widget's worker and the notebook's run cells; no
 * DOM (DecompressionStream is in browsers, workers and Node).
 */
export interface PackedMnist {
  version: number;
  encoding: 'gzip';
  images: 'ink-mask';
  chunk: number;
  train: number;
  test: number;
  rows: number;
  cols: number;
  bytes: Record<string, number>;
}

/** The packed files' names, below mnist/. */
export const packedFile = {
  trainImages: (chunk: number): string => `train-images-${chunk}.mask.gz`,
  trainLabels: 'train-labels.idx.gz',
  testImages: 'test-images.mask.gz',
  testLabels: 'test-labels.idx.gz',
};

const HEADER = 16;

function pixelCount(bytes: Uint8Array, what: string): number {
  if (bytes.length < HEADER) throw new Error(`${what}: ${bytes.length} bytes is too short for an image file's header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
  return view.getUint32(4) * view.getUint32(8) * view.getUint32(12);
}

/** IDX image bytes → header, ink mask, grey levels of the inked pixels (before gzip). */
export function packImages(idx: Uint8Array): Uint8Array {
  const pixels = pixelCount(idx, 'images');
  const mask = new Uint8Array(Math.ceil(pixels / 8));
  const levels: number[] = [];
  for (let p = 0; p < pixels; p++) {
    const level = idx[HEADER + p];
    if (level !== 0) {
      mask[p >> 3] |= 0x80 >> (p & 7);
      levels.push(level);
    }
  }
  const out = new Uint8Array(HEADER + mask.length + levels.length);
  out.set(idx.subarray(0, HEADER));
  out.set(mask, HEADER);
  out.set(levels, HEADER + mask.length);
  return out;
}

/** The inverse of packImages: the IDX image bytes, checked (a damaged file is refused, with what is wrong). */
export function expandImages(packed: Uint8Array, what = 'images'): Uint8Array {
  const pixels = pixelCount(packed, what);
  const maskBytes = Math.ceil(pixels / 8);
  const idx = new Uint8Array(HEADER + pixels);
  idx.set(packed.subarray(0, HEADER));
  let next = HEADER + maskBytes;
  for (let p = 0; p < pixels; p++) {
    if (packed[HEADER + (p >> 3)] & (0x80 >> (p & 7))) idx[HEADER + p] = packed[next++];
  }
  if (next !== packed.length) {
    throw new Error(`${what}: damaged file — its ink mask marks ${next - HEADER - maskBytes} pixels, but ${packed.length - HEADER - maskBytes} grey levels follow`);
  }
  return idx;
}

/**
 * The bytes of a packed file, unpacked with the platform's own gzip decoder. A server that
 * sends .gz files with `Content-Encoding: gzip` has had the browser unpack them already: those
 * bytes start with the IDX header, not with gzip's magic number (1f 8b), and pass as they are.
 */
export async function unpackMnist(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const unpacked = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

/** A packed image file as IDX image bytes, ready for the engine's parseIdxImages. */
export async function unpackMnistImages(bytes: Uint8Array, what = 'images'): Promise<Uint8Array> {
  return expandImages(await unpackMnist(bytes), what);
}
