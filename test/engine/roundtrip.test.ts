/**
 * Preprocessing exactly as MNIST was made: MNIST test digits, enlarged ten times as if drawn on
 * the Playground's 280-pixel pad and sent through its preprocessing (crop at its ink threshold,
 * scale to 20×20, centre of mass to MNIST's), are read as well as the stored digits.
 * All 10,000 test digits (about 40 s of CPU: the slowest unit test, and the claim is about the whole set).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Model, VARIANTS, loadWeights, lossNamed, prepareDigit, preprocessDrawing, type Digits } from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';
import { INK_THRESHOLD, PAD, READERS } from '../../src/widgets/playground/model.ts';
import { enlargeAsDrawn } from './helpers.ts';

const test = loadMnist('test');

/** The first n test digits as the Playground would make them, aiming their centre of mass at `centre`. */
function throughPad(n: number, centre?: number): Digits {
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) {
    const drawn = enlargeAsDrawn(test.pixels.subarray(i * 784, (i + 1) * 784), PAD / 28);
    pixels.set(preprocessDrawing(drawn, PAD, PAD, INK_THRESHOLD, centre)!.pixels, i * 784);
  }
  return { ...test, count: n, pixels };
}

/** Accuracy on the first `digits.count` digits. */
function accuracy(model: Model, loss: ReturnType<typeof lossNamed>, digits: Digits): number {
  const input = new Float32Array(1024);
  let right = 0;
  for (let i = 0; i < digits.count; i++) if (loss.predict(model.forward(prepareDigit(digits, i, input)).output) === digits.labels[i]) right++;
  return right / digits.count;
}

describe('MNIST digits drawn on the pad keep their accuracy', () => {
  const drawn = throughPad(test.count);
  for (const reader of READERS) {
    it(`${reader.file}: within 0.1 points of the stored digits' accuracy`, () => {
      const model = new Model(VARIANTS[reader.variant].spec(), 1);
      loadWeights(model, new Uint8Array(readFileSync(new URL(`../../public/weights/${reader.file}`, import.meta.url))));
      const loss = lossNamed(VARIANTS[reader.variant].loss);
      expect(Math.abs(accuracy(model, loss, drawn) - accuracy(model, loss, test))).toBeLessThanOrEqual(0.001);
    });
  }

  it('negative control: aiming the centre of mass at the field\'s middle (14), as before, costs more than 0.1 points (first 2,000 digits)', () => {
    const first: Digits = { ...test, count: 2000 };
    const model = new Model(VARIANTS.faithful.spec(), 1);
    loadWeights(model, new Uint8Array(readFileSync(new URL('../../public/weights/faithful.bin', import.meta.url))));
    const loss = lossNamed(VARIANTS.faithful.loss);
    expect(accuracy(model, loss, first) - accuracy(model, loss, throughPad(2000, 14))).toBeGreaterThan(0.001);
  });
});
