/**
 * Fetching the packed MNIST (packed-mnist.ts) from the site, in a worker: the Training widget's
 * and "Reproduce the paper"'s. Only the files a run needs, each once per worker: the training
 * chunks that cover its first `trainSize` digits, the training labels, the test set. No DOM.
 */
import { parseIdxImages, parseIdxLabels, type Digits } from '../../engine/index.ts';
import { packedFile, unpackMnist, unpackMnistImages, type PackedMnist } from './packed-mnist.ts';

async function fetchBytes(url: string, onBytes: (n: number) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
    onBytes(value.length);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  return bytes;
}

export class MnistLoader {
  private readonly base: string;
  private manifest: PackedMnist | undefined;
  private readonly trainChunks: Uint8Array[] = [];
  private trainLabels: Uint8Array | undefined;
  private testSet: Digits | undefined;

  /** `base`: the site's base URL, ending in a slash (import.meta.env.BASE_URL as the page passes it). */
  constructor(base: string) {
    this.base = base;
  }

  /**
   * The first `trainSize` training digits and the test set, fetching what is missing.
   * `onProgress(loaded, total)`: bytes as sent, of the files this call fetches (none: not called).
   */
  async load(trainSize: number, onProgress: (loaded: number, total: number) => void): Promise<{ train: Digits; test: Digits }> {
    if (!this.manifest) {
      const r = await fetch(`${this.base}mnist/manifest.json`);
      if (!r.ok) throw new Error(`${this.base}mnist/manifest.json: HTTP ${r.status}`);
      this.manifest = (await r.json()) as PackedMnist;
    }
    const m = this.manifest;
    const side = m.rows * m.cols;
    const chunks = Math.ceil(trainSize / m.chunk);
    // Each file's own unpacking (packed-mnist.ts): images have an ink mask, labels are plain IDX.
    const wanted: { name: string; unpack: (b: Uint8Array) => Promise<Uint8Array>; use: (b: Uint8Array) => void }[] = [];
    for (let c = 0; c < chunks; c++) {
      if (this.trainChunks[c]) continue;
      wanted.push({ name: packedFile.trainImages(c), unpack: unpackMnistImages, use: (b) => { this.trainChunks[c] = parseIdxImages(b, `training images ${c}`).pixels; } });
    }
    if (!this.trainLabels) wanted.push({ name: packedFile.trainLabels, unpack: unpackMnist, use: (b) => { this.trainLabels = parseIdxLabels(b, 'training labels'); } });
    let testImages: Uint8Array | undefined;
    if (!this.testSet) {
      wanted.push({ name: packedFile.testImages, unpack: unpackMnistImages, use: (b) => { testImages = b; } });
      wanted.push({ name: packedFile.testLabels, unpack: unpackMnist, use: (b) => {
        const images = parseIdxImages(testImages!, 'test images');
        this.testSet = { ...images, labels: parseIdxLabels(b, 'test labels') };
      } });
    }
    const total = wanted.reduce((s, w) => s + m.bytes[w.name], 0);
    let loaded = 0;
    let lastReport = 0;
    if (total > 0) onProgress(loaded, total);
    for (const w of wanted) {
      const packed = await fetchBytes(`${this.base}mnist/${w.name}`, (n) => {
        loaded += n;
        const now = performance.now();
        if (now - lastReport > 100) { lastReport = now; onProgress(Math.min(loaded, total), total); }
      });
      w.use(await w.unpack(packed));
    }
    if (total > 0) onProgress(total, total);
    const pixels = new Uint8Array(trainSize * side);
    for (let c = 0; c < chunks; c++) {
      const from = this.trainChunks[c];
      pixels.set(from.subarray(0, Math.min(from.length, (trainSize - c * m.chunk) * side)), c * m.chunk * side);
    }
    return { train: { count: trainSize, rows: m.rows, cols: m.cols, pixels, labels: this.trainLabels!.subarray(0, trainSize) }, test: this.testSet! };
  }
}
