/** The weights that ship in public/weights/: they load, they are small, and they read digits as promised. */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Model, evaluate, lenet5, loadWeights, mapLoss, modernLenet5, softmaxCrossEntropy } from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';

const path = (name: string) => new URL(`../../public/weights/${name}`, import.meta.url);
const test = loadMnist('test');

describe('shipped pretrained weights', () => {
  // The shipped run reaches 99.02 % (README: where the reproduction stands).
  it('faithful LeNet-5: at least 98.9 % of the 10,000 test digits right', () => {
    const model = new Model(lenet5());
    const file = loadWeights(model, new Uint8Array(readFileSync(path('faithful.bin'))));
    expect(file.variant).toBe('faithful');
    const result = evaluate(model, mapLoss(), test);
    expect(result.samples).toBe(10000);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.989);
    // The file records the test error of its last pass, measured by lenet train: the same figure.
    expect(1 - result.accuracy).toBeCloseTo(file.meta.testError as number, 4);
  });

  it('modern LeNet-5: loads and reads at least 98.5 % right', () => {
    const model = new Model(modernLenet5());
    const file = loadWeights(model, new Uint8Array(readFileSync(path('modern.bin'))));
    expect(file.variant).toBe('modern');
    expect(evaluate(model, softmaxCrossEntropy(), test).accuracy).toBeGreaterThanOrEqual(0.985);
  });

  // The Playground's default readers, trained with the paper's distortions (README: training with distortions).
  for (const [name, spec, loss] of [['faithful-distort.bin', lenet5, mapLoss], ['modern-distort.bin', modernLenet5, softmaxCrossEntropy]] as const) {
    it(`${name}: trained with --distort, and reads the test digits as its own record says`, () => {
      const model = new Model(spec());
      const file = loadWeights(model, new Uint8Array(readFileSync(path(name))));
      expect(file.meta.command).toMatch(/ --distort$/);
      expect(file.meta.distort).toBe(true);
      expect(file.meta.passes).toBe(20);
      const result = evaluate(model, loss(), test);
      expect(result.accuracy).toBeGreaterThanOrEqual(0.99);
      expect(1 - result.accuracy).toBeCloseTo(file.meta.testError as number, 4);
    });
  }

  it('each file is well under 300 KB', () => {
    for (const name of ['faithful.bin', 'modern.bin', 'faithful-distort.bin', 'modern-distort.bin']) expect(statSync(path(name)).size).toBeLessThan(260_000);
  });
});
