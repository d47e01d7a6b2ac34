import { describe, expect, test } from 'vitest';
import { MAP_J, SDLM_MU } from '../../engine/index.ts';
import {
  CHUNK, MAX_BATCH, SHORT_RUN_RATE, chartable, chunkLoss, commandArguments, commandOf, curveEvery, defaultRate, defaultSettings, downloadMegabytes, formatSeconds, lossBlewUp, pace,
  parseSettings, thin, type Settings,
} from '../../src/widgets/training/model.ts';

const raw = (over: Partial<Record<string, string>> = {}) => ({
  variant: 'faithful', trainSize: '10000', passes: '1', optimizer: 'sgd', rate: '0.002', schedule: 'paper', batchSize: '1', seed: '1', ...over,
}) as Record<keyof Settings, string>;

describe('training settings', () => {
  test('the page starts on a one-pass run of the modern network, the rate of each choice from the short-run table', () => {
    expect(defaultSettings()).toEqual({ variant: 'modern', trainSize: 10000, passes: 1, optimizer: 'sgd', rate: 0.02, schedule: 'linear', batchSize: 1, seed: 1 });
    expect(defaultRate('faithful', 'sdlm')).toBe(SHORT_RUN_RATE.faithful.sdlm);
    expect(defaultRate('faithful', 'sgd')).toBe(SHORT_RUN_RATE.faithful.sgd);
  });

  test('the command line shown is the engine’s command for exactly these settings', () => {
    const s = defaultSettings();
    expect(commandOf(s)).toBe('npx lenet train --variant modern --epochs 1 --train-size 10000 --seed 1 --optimizer sgd --lr 0.02 --schedule linear --batch-size 1');
    expect(commandOf({ ...s, variant: 'faithful', optimizer: 'sdlm', rate: 0.00006, batchSize: 8 }))
      .toBe(`npx lenet train --variant faithful --epochs 1 --train-size 10000 --seed 1 --optimizer sdlm --lr 0.00006 --schedule linear --batch-size 8 --mu ${SDLM_MU} --map-j ${MAP_J}`);
  });

  test('good values parse; bad ones name the field and the range', () => {
    expect(parseSettings(raw())).toEqual({ ok: true, settings: { variant: 'faithful', trainSize: 10000, passes: 1, optimizer: 'sgd', rate: 0.002, schedule: 'paper', batchSize: 1, seed: 1 } });
    expect(parseSettings(raw({ passes: '0' }))).toEqual({ ok: false, error: { field: 'passes', key: 'range', min: 1, max: 20 } });
    expect(parseSettings(raw({ passes: '2.5' }))).toEqual({ ok: false, error: { field: 'passes', key: 'wholeNumber', min: 1, max: 20 } });
    expect(parseSettings(raw({ rate: '-1' }))).toMatchObject({ ok: false, error: { field: 'rate', key: 'positive' } });
    expect(parseSettings(raw({ rate: '' }))).toMatchObject({ ok: false, error: { field: 'rate' } });
    expect(parseSettings(raw({ rate: 'NaN' }))).toMatchObject({ ok: false, error: { field: 'rate' } });
    expect(parseSettings(raw({ seed: '' }))).toMatchObject({ ok: false, error: { field: 'seed', key: 'wholeNumber' } });
    expect(parseSettings(raw({ trainSize: '70000' }))).toMatchObject({ ok: false, error: { field: 'trainSize', key: 'range' } });
    expect(parseSettings(raw({ batchSize: '0' }))).toEqual({ ok: false, error: { field: 'batchSize', key: 'range', min: 1, max: MAX_BATCH } });
    // A batch larger than the training set is refused with the training set as the limit.
    expect(parseSettings(raw({ trainSize: '500', batchSize: '600' }))).toEqual({ ok: false, error: { field: 'batchSize', key: 'range', min: 1, max: 500 } });
    expect(parseSettings(raw({ batchSize: '32', schedule: 'linear' }))).toMatchObject({ ok: true, settings: { batchSize: 32, schedule: 'linear' } });
  });
});

describe('progress arithmetic', () => {
  test('pace: samples per second and time left', () => {
    expect(pace(500, 10000, 1000)).toEqual({ perSecond: 500, secondsLeft: 19 });
    expect(pace(0, 10000, 0)).toBeNull();
    expect(pace(10, 5, 100)).toBeNull();
  });

  test('chunk loss from the trainer’s running mean, across a pass boundary', () => {
    // Mean 2 over 100 samples, then mean 1.5 over 200: the second 100 averaged 1.
    expect(chunkLoss({ seen: 100, loss: 2 }, { seen: 200, loss: 1.5 })).toBe(1);
    // A new pass restarts the mean: the previous report belongs to the previous pass.
    expect(chunkLoss({ seen: 1000, loss: 0.5 }, { seen: 100, loss: 0.3 })).toBe(0.3);
    expect(chunkLoss(null, { seen: 100, loss: 0.7 })).toBe(0.7);
    expect(chunkLoss({ seen: 100, loss: 1 }, { seen: 100, loss: 1 })).toBeNaN();
  });

  test('only finite points reach a chart', () => {
    expect(chartable(1, 2)).toBe(true);
    expect(chartable(1, Number.NaN)).toBe(false);
    expect(chartable(Infinity, 2)).toBe(false);
  });

  test('a loss twice the untrained network’s is a blow-up; a falling one is not', () => {
    expect(lossBlewUp(2, 7)).toBe(true);
    expect(lossBlewUp(2, 0.5)).toBe(false);
    expect(lossBlewUp(2, 3.9)).toBe(false);
    expect(lossBlewUp(2, 4.1)).toBe(true);
    expect(lossBlewUp(2, Infinity)).toBe(true);
    expect(lossBlewUp(Number.NaN, 7)).toBe(false);
  });

  test('curves: points every eighth of the run, never more often than a chunk; long curves are thinned by averaging pairs', () => {
    expect(curveEvery({ trainSize: 10000, passes: 1 })).toBe(1250);
    expect(curveEvery({ trainSize: 1000, passes: 20 })).toBe(2500);
    expect(curveEvery({ trainSize: 100, passes: 1 })).toBe(CHUNK);
    const pts = Array.from({ length: 5 }, (_, i) => ({ x: i, y: 10 * i }));
    expect(thin(pts, 4)).toEqual([{ x: 0.5, y: 5 }, { x: 2.5, y: 25 }, { x: 4, y: 40 }]);
    expect(thin(pts, 5)).toBe(pts);
  });

  test('time left reads as seconds, then minutes', () => {
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(65)).toBe('1:05');
    expect(formatSeconds(-3)).toBe('0 s');
  });

  test('the first download: its chunks of training images, all labels and the test set, at their packed sizes', () => {
    const bytes: Record<string, number> = { 'train-labels.idx.gz': 30_000, 'test-images.mask.gz': 1_500_000, 'test-labels.idx.gz': 5_000 };
    for (let c = 0; c < 12; c++) bytes[`train-images-${c}.mask.gz`] = 800_000 + c;
    const packed = { version: 3, encoding: 'gzip' as const, images: 'ink-mask' as const, chunk: 5000, train: 60000, test: 10000, rows: 28, cols: 28, bytes };
    expect(downloadMegabytes(10000, packed)).toBeCloseTo((800_000 + 800_001 + 30_000 + 1_500_000 + 5_000) / 1e6, 9);
    expect(downloadMegabytes(1000, packed)).toBeCloseTo((800_000 + 30_000 + 1_500_000 + 5_000) / 1e6, 9);
    expect(downloadMegabytes(60000, packed)).toBeCloseTo((12 * 800_000 + 66 + 30_000 + 1_500_000 + 5_000) / 1e6, 9);
    delete bytes['train-images-1.mask.gz'];
    expect(() => downloadMegabytes(10000, packed)).toThrow(/lists no train-images-1\.mask\.gz; run node scripts\/pack-mnist\.mjs/);
  });
});

describe('the seeds behind the shipped runs', () => {
  test('each shipped weights file is one of the seeds quoted beside it, with the same test error, and the best of them', async () => {
    const { SEED_RUNS, meanError } = await import('../../src/widgets/training/reference.ts');
    const { shippedRun } = await import('../../src/data/pretrained.ts');
    for (const variant of ['faithful', 'modern'] as const) {
      const run = shippedRun(variant);
      const runs = SEED_RUNS[variant];
      const shipped = runs.find((r) => r.seed === Number(run.seed));
      expect(shipped?.testError).toBe(Number(run.testError));
      expect(Math.min(...runs.map((r) => r.testError))).toBe(Number(run.testError));
      expect(meanError(runs)).toBeGreaterThan(Number(run.testError));
    }
    expect(meanError([{ testError: 0.01 }, { testError: 0.02 }])).toBeCloseTo(0.015, 12);
  });
});

describe('the command line, cut where a line may break', () => {
  test('the program stays whole and each flag keeps its value; joined by spaces, the pieces are the command', () => {
    const command = commandOf({ ...defaultSettings(), variant: 'faithful', batchSize: 10 });
    const pieces = commandArguments(command);
    expect(pieces[0]).toBe('npx lenet train');
    expect(pieces).toContain('--map-j 10');
    expect(pieces).toContain('--batch-size 10');
    expect(pieces.slice(1).every((p) => /^--[a-z-]+( \S+)?$/.test(p))).toBe(true);
    expect(pieces.join(' ')).toBe(command);
  });
  test('a flag without a value stands alone; a second word after a flag’s value starts a piece of its own', () => {
    expect(commandArguments('npx lenet train --resume --variant modern extra')).toEqual(['npx lenet train', '--resume', '--variant modern', 'extra']);
  });
});


describe('the seeds behind the distortion-trained runs', () => {
  test('each shipped distortion-trained file is one of the seeds quoted beside it, with the same test error', async () => {
    const { DISTORTED, DISTORTED_SEED_RUNS } = await import('../../src/widgets/training/reference.ts');
    for (const variant of ['faithful', 'modern'] as const) {
      const seed = Number(/--seed (\d+)/.exec(DISTORTED[variant].command)?.[1]);
      expect(DISTORTED_SEED_RUNS[variant].find((r) => r.seed === seed)?.testError).toBe(DISTORTED[variant].testError);
      expect(DISTORTED_SEED_RUNS[variant]).toHaveLength(3);
    }
  });
});
