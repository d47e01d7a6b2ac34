/** The model as a whole: shapes agree with analyze, training is seeded and learns, divergence is caught. */
import { describe, expect, it } from 'vitest';
import {
  Model, Random, SpecError, Trainer, evaluate, lenet5, lossNamed, mapLoss, modernLenet5, prepareDigit, softmaxCrossEntropy,
  unitsOf, type Digits, type LayerSpec, type NetworkSpec,
} from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';
import { randomInput } from './helpers.ts';

function randomSpec(rng: Random): NetworkSpec {
  const activations = ['squash', 'relu', 'none'] as const;
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const layers: LayerSpec[] = [];
  const n = 1 + rng.int(4);
  let maps = 1 + rng.int(3);
  const channels = maps;
  for (let i = 0; i < n; i++) {
    const name = `L${i}`;
    const r = rng.next();
    if (r < 0.4) {
      const out = 1 + rng.int(5);
      const table = rng.next() < 0.3 ? Array.from({ length: out }, (_, o) => [o % maps, ...(maps > 1 ? [(o + 1) % maps] : [])]) : undefined;
      layers.push({ kind: 'conv', name, maps: out, kernel: 1 + rng.int(5), stride: 1 + rng.int(2), padding: rng.int(2), table, activation: pick(activations) });
      maps = out;
    } else if (r < 0.7) {
      layers.push({ kind: 'subsample', name, pool: pick(['trainable', 'average', 'max'] as const), window: 1 + rng.int(3), stride: rng.next() < 0.5 ? undefined : 1 + rng.int(3), activation: pick(activations) });
    } else {
      layers.push({ kind: 'full', name, units: 1 + rng.int(12), activation: pick(activations) });
      maps = layers[layers.length - 1].kind === 'full' ? (layers[layers.length - 1] as { units: number }).units : maps;
    }
  }
  return { input: { size: 6 + rng.int(14), channels }, layers };
}

describe('inferred shape = shape of the actual forward output', () => {
  it('for 300 random valid specs (convolutions with tables, strides, padding, all poolings, full layers)', () => {
    const rng = new Random(2024);
    let valid = 0;
    for (let attempt = 0; attempt < 3000 && valid < 300; attempt++) {
      const spec = randomSpec(rng);
      let model: Model;
      try {
        model = new Model(spec, attempt);
      } catch (err) {
        if (err instanceof SpecError) continue; // analyze refused it: nothing to run
        throw err;
      }
      valid++;
      const trace = model.forward(randomInput(model, attempt));
      model.analysis.layers.forEach((report, i) => {
        expect(trace.layers[i].out.length).toBe(unitsOf(report.output));
        expect(trace.layers[i].shape).toEqual(report.output);
      });
      expect(model.paramCount).toBe(model.analysis.total.params);
      expect(trace.output.every(Number.isFinite)).toBe(true);
    }
    expect(valid).toBe(300);
  });

  it('LeNet-5: 6@28×28, 6@14×14, 16@10×10, 16@5×5, 120, 84, 10', () => {
    const trace = new Model(lenet5()).forward(new Float32Array(1024));
    expect(trace.layers.map((l) => l.out.length)).toEqual([4704, 1176, 1600, 400, 120, 84, 10]);
  });
});

describe('initialisation', () => {
  it('LeNet-5 weights are uniform in ±2.4/fan-in (C1: ±0.096, C5: ±0.006)', () => {
    const model = new Model(lenet5(), 5);
    const range = (name: string) => {
      const l = model.layers.find((x) => x.name === name)!;
      let max = 0;
      for (let k = l.offset; k < l.offset + l.paramCount; k++) max = Math.max(max, Math.abs(model.params[k]));
      return max;
    };
    expect(range('C1')).toBeLessThanOrEqual(2.4 / 25);
    expect(range('C1')).toBeGreaterThan(0.9 * 2.4 / 25);
    expect(range('C5')).toBeLessThanOrEqual(2.4 / 400);
    expect(range('F6')).toBeLessThanOrEqual(2.4 / 120);
  });

  it('the same seed gives the same weights, another seed other weights', () => {
    expect(new Model(lenet5(), 9).params).toEqual(new Model(lenet5(), 9).params);
    expect(new Model(lenet5(), 9).params).not.toEqual(new Model(lenet5(), 10).params);
  });
});

describe('training on real digits', () => {
  const train = loadMnist('train');
  const first = (n: number): Digits => ({ ...train, count: n, pixels: train.pixels.subarray(0, n * 784), labels: train.labels.subarray(0, n) });
  const small = first(600);

  function run(variant: 'faithful' | 'modern', optimizer: 'sgd' | 'sdlm', rate: number, seed: number, passes = 3, data = small) {
    const model = new Model(variant === 'faithful' ? lenet5() : modernLenet5(), seed);
    const loss = variant === 'faithful' ? mapLoss() : softmaxCrossEntropy();
    const trainer = new Trainer({ model, loss, data, optimizer, rate, passes, seed, curvatureSamples: 100 });
    const losses: number[] = [];
    for (;;) {
      const p = trainer.step(250);
      if (p.state === 'pass-done' || p.state === 'done') losses.push(p.loss);
      if (p.state === 'done' || p.state === 'diverged') return { model, loss, losses, p };
    }
  }

  it('faithful LeNet-5, SGD: the loss falls pass after pass, and the network learns to read', () => {
    const { model, loss, losses, p } = run('faithful', 'sgd', 0.002, 1);
    expect(p.state).toBe('done');
    expect(losses[1]).toBeLessThan(losses[0]);
    expect(losses[2]).toBeLessThan(0.7 * losses[0]);
    expect(evaluate(model, loss, small).accuracy).toBeGreaterThan(0.7);
  });

  it('modern LeNet-5, SGD: the loss falls', () => {
    const { losses, p } = run('modern', 'sgd', 0.01, 1, 2);
    expect(p.state).toBe('done');
    expect(losses[1]).toBeLessThan(0.8 * losses[0]);
  });

  it('SDLM (small η): the loss falls', () => {
    const { losses, p } = run('faithful', 'sdlm', 0.00002, 1, 2);
    expect(p.state).toBe('done');
    expect(losses[1]).toBeLessThan(losses[0]);
  });

  it('identical seeds give identical weights and losses; another seed does not', () => {
    const tiny = first(200);
    const a = run('faithful', 'sgd', 0.002, 7, 1, tiny);
    const b = run('faithful', 'sgd', 0.002, 7, 1, tiny);
    const c = run('faithful', 'sgd', 0.002, 8, 1, tiny);
    expect(b.model.params).toEqual(a.model.params);
    expect(b.losses).toEqual(a.losses);
    expect(c.model.params).not.toEqual(a.model.params);
  });

  it('a run resumed after pass 1 ends exactly where the uninterrupted run ends', () => {
    const tiny = first(200);
    const loss = mapLoss();
    const options = { loss, data: tiny, optimizer: 'sgd' as const, rate: 0.002, passes: 2, seed: 5, schedule: 'linear' as const, batchSize: 3 };
    const straight = new Model(lenet5(), 5);
    const t = new Trainer({ model: straight, ...options });
    t.step(200);
    expect(t.step(200).state).toBe('done');
    const interrupted = new Model(lenet5(), 5);
    expect(new Trainer({ model: interrupted, ...options }).step(200).state).toBe('pass-done');
    const resumed = new Model(lenet5(), 99);
    resumed.params.set(interrupted.params); // what a weights file carries
    expect(new Trainer({ model: resumed, ...options, startPass: 1 }).step(200).state).toBe('done');
    expect(resumed.params).toEqual(straight.params);
  });

  it('a batch of B samples makes one update with the mean of their gradients', () => {
    const four = first(4);
    const loss = mapLoss();
    const model = new Model(lenet5(), 4);
    const start = Float32Array.from(model.params);
    // By hand: the four gradients at the starting weights, averaged, times η.
    const sum = new Float32Array(model.paramCount);
    const dOut = new Float32Array(10);
    const input = new Float32Array(1024);
    for (let i = 0; i < 4; i++) {
      prepareDigit(four, i, input, 32);
      const trace = model.forward(input);
      loss.gradient(trace.output, four.labels[i], dOut);
      model.backward(trace, dOut, sum);
    }
    const rate = 0.01;
    const expected = start.map((w, k) => w - rate * (sum[k] / 4));
    const batched = new Trainer({ model, loss, data: four, optimizer: 'sgd', rate, passes: 1, seed: 1, batchSize: 4 });
    expect(batched.step(4).state).toBe('done');
    for (let k = 0; k < expected.length; k += 97) expect(model.params[k]).toBeCloseTo(expected[k], 6);
    // Negative control: one sample at a time moves the weights somewhere else.
    const single = new Model(lenet5(), 4);
    new Trainer({ model: single, loss, data: four, optimizer: 'sgd', rate, passes: 1, seed: 1 }).step(4);
    expect(single.params).not.toEqual(model.params);
  });

  it('a batch size outside 1 … training-set size is refused with the range', () => {
    const options = { model: new Model(lenet5(), 1), loss: mapLoss(), data: first(50), optimizer: 'sgd' as const, rate: 0.01, passes: 1, seed: 1 };
    expect(() => new Trainer({ ...options, batchSize: 0 })).toThrow('batch size 0 is not allowed (allowed: 1 to the training-set size, 50)');
    expect(() => new Trainer({ ...options, batchSize: 51 })).toThrow(/batch size 51/);
    expect(() => new Trainer({ ...options, batchSize: 2.5 })).toThrow(/batch size 2.5/);
  });

  it('the linear schedule falls from η towards 0 over the whole run; the paper\'s steps pass by pass', () => {
    const data = first(100);
    const rates = (schedule: 'paper' | 'linear') => {
      const t = new Trainer({ model: new Model(lenet5(), 1), loss: mapLoss(), data, optimizer: 'sgd', rate: 0.001, passes: 4, seed: 1, schedule });
      const seen: number[] = [];
      for (let i = 0; i < 8; i++) seen.push(t.step(50).rate);
      return seen;
    };
    const linear = rates('linear');
    // Samples 49, 99, 149, … 399 of 400 (0-based): η·(1 − s/400); the last one η/400.
    linear.forEach((r, i) => expect(r).toBeCloseTo(0.001 * (1 - (50 * i + 49) / 400), 9));
    expect(linear[7]).toBeCloseTo(0.001 / 400, 9);
    rates('paper').forEach((r, i) => expect(r).toBeCloseTo([0.001, 0.001, 0.001, 0.001, 0.0004, 0.0004, 0.0004, 0.0004][i], 12));
  });

  it('divergence is caught: state "diverged", a message, and the weights reset to finite values', () => {
    const { model, p } = run('modern', 'sgd', 1e30, 3, 1, first(200));
    expect(p.state).toBe('diverged');
    expect(p.message).toMatch(/became (NaN|Infinity|-Infinity)/);
    expect(model.params.every(Number.isFinite)).toBe(true);
  });

  it('evaluation in chunks equals evaluation in one go', () => {
    const model = new Model(lenet5(), 3);
    const loss = lossNamed('map');
    const data = first(200);
    const whole = evaluate(model, loss, data);
    const chunked = evaluate(model, loss, data, 120, 200, evaluate(model, loss, data, 0, 120));
    expect(chunked.confusion).toEqual(whole.confusion);
    expect(chunked.correct).toBe(whole.correct);
    expect(chunked.loss).toBeCloseTo(whole.loss, 6);
  });
});

describe('second-order pass (SDLM curvature)', () => {
  it('is non-negative everywhere and positive for every LeNet-5 layer', () => {
    const model = new Model(lenet5(), 4);
    const loss = mapLoss();
    const trace = model.forward(randomInput(model, 1));
    const d2 = new Float32Array(10);
    loss.curvature(trace.output, 3, d2);
    const h = new Float32Array(model.paramCount);
    model.backwardSecondOrder(trace, d2, h);
    expect(h.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
    for (const l of model.layers.filter((x) => x.paramCount > 0)) {
      expect(h.subarray(l.offset, l.offset + l.paramCount).some((v) => v > 0), l.name).toBe(true);
    }
  });

  it('equals the exact second derivative for F6 biases under the plain loss (Gauss–Newton is exact there up to f″)', () => {
    // E = Σⱼ (f(aⱼ) − wⱼ)²: ∂²E/∂bⱼ² = 2f′² + 2(f − w)f″; the estimate keeps 2f′².
    const model = new Model(lenet5(), 4);
    const loss = lossNamed('rbf');
    const trace = model.forward(randomInput(model, 1));
    const d2 = new Float32Array(10);
    loss.curvature(trace.output, 3, d2);
    const h = new Float32Array(model.paramCount);
    model.backwardSecondOrder(trace, d2, h);
    const f6 = model.layers[5];
    const out = trace.layers[5].out;
    for (const j of [0, 40, 83]) {
      const fPrime = (2 / 3 / 1.7159) * (1.7159 ** 2 - out[j] ** 2);
      expect(h[f6.offset + 120 * 84 + j]).toBeCloseTo(2 * fPrime * fPrime, 4);
    }
  });
});
