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

  it('each file is well under 300 KB', () => {
    for (const name of ['faithful.bin', 'modern.bin']) expect(statSync(path(name)).size).toBeLessThan(260_000);
  });
});
