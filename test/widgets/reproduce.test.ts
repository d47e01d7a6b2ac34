import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  Model, Trainer, VARIANTS, decodeWeights, encodeWeights, evaluate, loadWeights, mapLoss, passRecord, runRecord, trainCommand, type Digits,
} from '../../engine/index.ts';
import { loadMnist } from '../../bin/mnist.ts';
import {
  CHART, FULL, MAX_SEED, PACE_WINDOW, Pace, errorPath, errorY, parseSeed, readSaved, reproduceSettings, roughly, runSize, timeLeft,
} from '../../src/widgets/reproduce/model.ts';

const shipped = decodeWeights(new Uint8Array(readFileSync('public/weights/faithful.bin'))).meta;

/** A saved run as the page keeps it: the weights file after `passes` passes, with a made-up history. */
function savedFile(o: { seed?: number; passes?: number; planned?: number; settings?: Partial<ReturnType<typeof reproduceSettings>>; variant?: 'faithful' | 'modern' } = {}): Uint8Array {
  const s = { ...reproduceSettings(o.seed ?? 2, { trainSize: 2000, passes: o.planned ?? 3 }), ...o.settings };
  const history = Array.from({ length: o.passes ?? 1 }, (_, i) => ({ pass: i + 1, trainLoss: 1, trainError: 0.1, testError: 0.05 / (i + 1), seconds: 3 }));
  const variant = o.variant ?? 'faithful';
  return encodeWeights(new Model(VARIANTS[variant].spec(), 1), variant, runRecord(s, 'map', history, 9, new Date(0)));
}

describe('the recipe', () => {
  test('is the command that made the shipped faithful weights, seed for seed', () => {
    expect(`lenet train ${'--variant faithful --epochs 20 --train-size 60000'}`).toBe(String(shipped.command).split(' --seed')[0]);
    expect(trainCommand(reproduceSettings(Number(shipped.seed)))).toBe(shipped.command);
    expect(trainCommand(reproduceSettings(7, { trainSize: 2000, passes: 2 }))).toMatch(/^lenet train --variant faithful --epochs 2 --train-size 2000 --seed 7 /);
  });

  test('the seed field takes what `lenet train --seed` takes, and nothing else', () => {
    expect(parseSeed(' 2 ')).toEqual({ ok: true, seed: 2 });
    expect(parseSeed('0')).toEqual({ ok: true, seed: 0 });
    expect(parseSeed(String(MAX_SEED))).toEqual({ ok: true, seed: MAX_SEED });
    for (const bad of ['', '-1', '1.5', '1e3', 'two', String(MAX_SEED + 1), '0x10']) expect(parseSeed(bad)).toEqual({ ok: false, max: MAX_SEED });
  });

  test('a page address shortens the run only with both test parameters, in range', () => {
    expect(runSize('')).toEqual(FULL);
    expect(runSize('?reproduce-size=2000&reproduce-passes=2')).toEqual({ trainSize: 2000, passes: 2 });
    expect(runSize('?reproduce-size=2000')).toEqual(FULL);
    expect(runSize('?reproduce-size=0&reproduce-passes=2')).toEqual(FULL);
    expect(runSize('?reproduce-size=60001&reproduce-passes=2')).toEqual(FULL);
    expect(runSize('?reproduce-size=2000&reproduce-passes=21')).toEqual(FULL);
    expect(runSize('?reproduce-size=2.5&reproduce-passes=2')).toEqual(FULL);
  });
});

describe('a saved run, checked before it is resumed', () => {
  test('a run of this recipe is accepted with its record', () => {
    const r = readSaved({ file: savedFile({ seed: 9, passes: 2 }) });
    expect(r.ok && [r.run.record.seed, r.run.record.history.length, r.run.record.passesPlanned]).toEqual([9, 2, 3]);
    // A finished run too: it is kept for its download.
    expect(readSaved({ file: savedFile({ passes: 3 }) }).ok).toBe(true);
  });

  test('anything else is refused with the reason, never thrown', () => {
    const damaged = savedFile();
    damaged[damaged.length - 50] ^= 1;
    expect(readSaved({ file: damaged })).toEqual({ ok: false, why: 'damaged' });
    expect(readSaved({ file: damaged.subarray(0, 100) })).toEqual({ ok: false, why: 'damaged' });
    expect(readSaved({ file: new Uint8Array([1, 2, 3]) })).toEqual({ ok: false, why: 'damaged' });
    for (const v of [undefined, null, 3, 'x', {}, { file: [1, 2] }, { file: 'LNW5' }]) expect(readSaved(v)).toEqual({ ok: false, why: 'not-a-run' });
    expect(readSaved({ file: savedFile({ settings: { rate: 0.001 } }) })).toEqual({ ok: false, why: 'other-recipe' });
    expect(readSaved({ file: savedFile({ settings: { mu: 0.02 } }) })).toEqual({ ok: false, why: 'other-recipe' });
    expect(readSaved({ file: savedFile({ settings: { distort: true } }) })).toEqual({ ok: false, why: 'other-recipe' });
    expect(readSaved({ file: savedFile({ settings: { trainSize: 70000 } }) })).toEqual({ ok: false, why: 'other-recipe' });
    expect(readSaved({ file: savedFile({ seed: -1 }) })).toEqual({ ok: false, why: 'other-recipe' });
    expect(readSaved({ file: savedFile({ passes: 4, planned: 3 }) })).toEqual({ ok: false, why: 'history' });
    const model = new Model(VARIANTS.faithful.spec(), 1);
    const withHistory = (history: unknown, passes = 1) => encodeWeights(model, 'faithful', { ...runRecord(reproduceSettings(2, { trainSize: 2000, passes: 3 }), 'map', [{ pass: 1, trainLoss: 1, trainError: 0, testError: 0, seconds: 1 }], 1, new Date(0)), history, passes });
    expect(readSaved({ file: withHistory([{ pass: 2, trainLoss: 1, trainError: 0, testError: 0, seconds: 1 }]) })).toEqual({ ok: false, why: 'history' });
    expect(readSaved({ file: withHistory([{ pass: 1, trainLoss: null, trainError: 0, testError: 0, seconds: 1 }]) })).toEqual({ ok: false, why: 'history' });
    expect(readSaved({ file: withHistory('pass 1') })).toEqual({ ok: false, why: 'history' });
    expect(readSaved({ file: withHistory([], 0) })).toEqual({ ok: false, why: 'history' });
  });

  test('a modern network’s file is not this recipe', () => {
    const modern = encodeWeights(new Model(VARIANTS.modern.spec(), 1), 'modern', {});
    expect(readSaved({ file: modern })).toEqual({ ok: false, why: 'other-recipe' });
  });
});

describe('speed and time left', () => {
  test('the speed is measured over the latest window of training, not from the start', () => {
    const pace = new Pace();
    pace.add(0, 0);
    expect(pace.perSecond()).toBeNull();
    pace.add(500, 0.5);
    expect(pace.perSecond()).toBeNull(); // less than a second measured
    pace.add(1000, 1);
    expect(pace.perSecond()).toBe(1000);
    // Then the device slows to 100 samples/s: after a window of it, the speed is 100/s.
    for (let t = 2; t <= 1 + PACE_WINDOW + 1; t++) pace.add(1000 + 100 * (t - 1), t);
    expect(pace.perSecond()).toBeCloseTo(100, 9);
    // Totals that go back (a new run) start the measurement again.
    pace.add(10, 0.1);
    expect(pace.perSecond()).toBeNull();
  });

  test('time left: training at the measured speed plus the tests still to come, once one is timed', () => {
    expect(timeLeft({ samplesLeft: 1000, perSecond: null, testsLeft: 2, testSeconds: null })).toBeNull();
    expect(timeLeft({ samplesLeft: 1000, perSecond: 0, testsLeft: 2, testSeconds: null })).toBeNull();
    expect(timeLeft({ samplesLeft: 6000, perSecond: 2000, testsLeft: 2, testSeconds: null })).toEqual({ seconds: 3, withTests: false });
    expect(timeLeft({ samplesLeft: 6000, perSecond: 2000, testsLeft: 2, testSeconds: 1.5 })).toEqual({ seconds: 6, withTests: true });
    expect(timeLeft({ samplesLeft: 0, perSecond: 2000, testsLeft: 0, testSeconds: null })).toEqual({ seconds: 0, withTests: true });
  });

  test('rounded as an estimate: to 5 s under a minute and a half, then to the minute', () => {
    expect(roughly(0.2)).toEqual({ value: 1, unit: 's' });
    expect(roughly(42)).toEqual({ value: 40, unit: 's' });
    expect(roughly(89)).toEqual({ value: 90, unit: 's' });
    expect(roughly(91)).toEqual({ value: 2, unit: 'min' });
    expect(roughly(20 * 60 + 29)).toEqual({ value: 20, unit: 'min' });
  });
});

describe('the chart', () => {
  test('a lower error is drawn lower down, errors beyond the axis sit on its edges, and the path has one point per pass', () => {
    expect(errorY(0.01)).toBeGreaterThan(errorY(0.02));
    expect(errorY(0.5)).toBe(CHART.top);
    expect(errorY(0)).toBe(CHART.height - CHART.bottom);
    expect(errorY(Number.NaN)).toBeNaN(); // the page never passes one: every error comes from a record
    expect(errorPath([{ pass: 1, testError: 0.07 }, { pass: 2, testError: 0.02 }], 20).match(/[ML]/g)).toEqual(['M', 'L']);
  });
});

describe('the resumed run is the uninterrupted one, bit for bit (SDLM included)', () => {
  test('two passes of the recipe on 300 digits, straight and through a saved file after pass 1', () => {
    const all = loadMnist('train');
    const side = all.rows * all.cols;
    const data: Digits = { ...all, count: 300, pixels: all.pixels.subarray(0, 300 * side), labels: all.labels.subarray(0, 300) };
    const test = loadMnist('test');
    const testPart: Digits = { ...test, count: 200, pixels: test.pixels.subarray(0, 200 * side), labels: test.labels.subarray(0, 200) };
    const s = reproduceSettings(4, { trainSize: 300, passes: 2 });
    const trainer = (model: Model, startPass = 0) => new Trainer({
      model, loss: mapLoss(s.mapJ), data, optimizer: s.optimizer, rate: s.rate, schedule: s.schedule, batchSize: s.batchSize, passes: s.passes,
      seed: s.seed, trainSize: s.trainSize, momentum: s.momentum, mu: s.mu, startPass,
    });
    const straight = new Model(VARIANTS.faithful.spec(), s.seed);
    const t = trainer(straight);
    expect(t.step(300).state).toBe('pass-done');
    expect(t.step(300).state).toBe('done');

    const first = new Model(VARIANTS.faithful.spec(), s.seed);
    const p = trainer(first).step(300);
    const file = encodeWeights(first, 'faithful', runRecord(s, 'map', [passRecord(p, evaluate(first, mapLoss(), testPart), 1)], 1, new Date(0)));
    const saved = readSaved({ file });
    expect(saved.ok).toBe(true);
    const resumed = new Model(VARIANTS.faithful.spec(), s.seed);
    loadWeights(resumed, file);
    expect(trainer(resumed, 1).step(300).state).toBe('done');
    expect(Buffer.from(resumed.params.buffer).equals(Buffer.from(straight.params.buffer))).toBe(true);
    // The negative control: without replaying the first pass's sample order, the runs part.
    const wrong = new Model(VARIANTS.faithful.spec(), s.seed);
    loadWeights(wrong, file);
    const skipped = trainer(wrong);
    skipped.step(300);
    expect(Buffer.from(wrong.params.buffer).equals(Buffer.from(straight.params.buffer))).toBe(false);
  }, 60_000);
});
