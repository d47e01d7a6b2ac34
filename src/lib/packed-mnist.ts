/**
 * MNIST as scripts/pack-mnist.mjs packs it for the site: the IDX files, gzip-compressed, under
 * mnist/ below the site's base; training images in chunks of `chunk`. public/mnist/manifest.json
 * describes them and gives each file's size in bytes as sent. Read by the Training widget's
 * worker and by the notebook's run cells; no DOM (DecompressionStream is in workers and in Node).
 */
export interface PackedMnist {
  version: number;
  encoding: 'gzip';
  chunk: number;
  train: number;
  test: number;
  rows: number;
  cols: number;
  bytes: Record<string, number>;
}

/** The packed files' names, below mnist/. */
export const packedFile = {
  trainImages: (chunk: number): string => `train-images-${chunk}.idx.gz`,
  trainLabels: 'train-labels.idx.gz',
  testImages: 'test-images.idx.gz',
  testLabels: 'test-labels.idx.gz',
};

/**
 * The IDX bytes of a packed file, unpacked with the platform's own gzip decoder. A server that
 * sends .gz files with `Content-Encoding: gzip` has had the browser unpack them already: those
 * bytes start with the IDX header, not with gzip's magic number (1f 8b), and pass as they are.
 */
export async function unpackMnist(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const unpacked = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}
