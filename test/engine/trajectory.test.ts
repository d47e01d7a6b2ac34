/**
 * Golden training trajectories: the exact bits a short run of each shipped recipe ends with.
 *
 * Every weights file in public/weights/ is promised to come out bit for bit of the command in
 * its record. That promise depends on every float operation of training happening in the same
 * order with the same roundings — the SIMD kernels, the JavaScript loops around them, Math.tanh,
 * SDLM's update. A faster kernel that adds in another order trains a slightly different network,
 * and the shipped files would no longer be reproducible. These digests were taken from the
 * engine that trained the shipped files; a change that moves one bit of one weight fails here.
 * (If such a change is ever wanted on purpose, every shipped file must be retrained with it.)
 */
import { describe, expect, it } from 'vitest';
import { Model, Trainer, VARIANTS, lossNamed, prepareDigit, type VariantName } from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';

const train = loadMnist('train');
const test = loadMnist('test');

/** FNV-1a over the bytes of the array: any changed bit changes it. */
function digest(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** A short run of a variant's own recipe (as `lenet train --variant V` sets it up), then its weights' digest. */
function run(name: VariantName, options: { distort?: boolean; trainSize: number; passes: number; curvatureSamples?: number }): {
  params: string; outputs: string; usesKernels: boolean;
} {
  const v = VARIANTS[name];
  const model = new Model(v.spec(), 2);
  const loss = lossNamed(v.loss);
  const trainer = new Trainer({
    model, loss, data: train, optimizer: v.optimizer, rate: v.rate, schedule: v.schedule, mu: v.mu, momentum: v.momentum,
    passes: options.passes, seed: 2, trainSize: options.trainSize, curvatureSamples: options.curvatureSamples,
    distort: options.distort,
  });
  let p = trainer.step(Infinity);
  while (p.state === 'pass-done') p = trainer.step(Infinity);
  expect(p.state).toBe('done');
  // The forward pass alone, on test digits: inference must keep its bits too.
  const outputs = new Float32Array(20 * model.outputUnits);
  const input = new Float32Array(model.inputUnits);
  for (let i = 0; i < 20; i++) {
    prepareDigit(test, i, input, model.analysis.input.height);
    outputs.set(model.forward(input).output, i * model.outputUnits);
  }
  return { params: digest(model.params), outputs: digest(outputs), usesKernels: model.usesKernels };
}

describe('golden trajectories: the shipped recipes keep every bit', () => {
  it('faithful (SDLM with its curvature pass, MAP loss, tanh, trainable subsampling, RBF): 2 passes over 600 digits', () => {
    const r = run('faithful', { trainSize: 600, passes: 2, curvatureSamples: 100 });
    expect(r).toEqual({ params: 'b804997e', outputs: '93965794', usesKernels: true });
  });

  it('faithful with the paper\'s distortions: 1 pass over 300 digits', () => {
    const r = run('faithful', { trainSize: 300, passes: 1, curvatureSamples: 50, distort: true });
    expect(r).toEqual({ params: '91e77847', outputs: 'fc2c9f8f', usesKernels: true });
  });

  it('modern (SGD, softmax, ReLU, max pooling): 2 passes over 600 digits', () => {
    const r = run('modern', { trainSize: 600, passes: 2 });
    expect(r).toEqual({ params: 'b5711315', outputs: '7cebc1fe', usesKernels: true });
  });

  it('a negative control: one changed bit of one weight changes the digest', () => {
    const a = new Float32Array([1, 2, 3]);
    const b = new Float32Array([1, 2, 3]);
    new Uint32Array(b.buffer)[1] ^= 1;
    expect(digest(a)).not.toBe(digest(b));
  });
});
