import { describe, expect, test } from 'vitest';
import { PAPER_ETA, VARIANTS } from '../../engine/index.ts';
import {
  CHUNK, chartable, chunkLoss, curveEvery, defaultRate, defaultSettings, downloadMegabytes, formatSeconds, lossBlewUp, pace,
  parseSettings, thin,
} from '../../src/widgets/training/model.ts';

const raw = (over: Partial<Record<string, string>> = {}) => ({
  variant: 'faithful', trainSize: '10000', passes: '1', optimizer: 'sgd', rate: '0.002', seed: '1', ...over,
}) as Record<'variant' | 'trainSize' | 'passes' | 'optimizer' | 'rate' | 'seed', string>;

describe('training settings', () => {
  test('defaults come from the engine’s variants', () => {
    const s = defaultSettings();
    expect(s).toEqual({ variant: 'faithful', trainSize: 10000, passes: 1, optimizer: VARIANTS.faithful.optimizer, rate: VARIANTS.faithful.rate, seed: 1 });
    expect(defaultRate('modern', VARIANTS.modern.optimizer)).toBe(VARIANTS.modern.rate);
    expect(defaultRate('faithful', 'sdlm')).toBe(VARIANTS.faithful.optimizer === 'sdlm' ? VARIANTS.faithful.rate : PAPER_ETA[0]);
  });

  test('good values parse; bad ones name the field and the range', () => {
    expect(parseSettings(raw())).toEqual({ ok: true, settings: { variant: 'faithful', trainSize: 10000, passes: 1, optimizer: 'sgd', rate: 0.002, seed: 1 } });
    expect(parseSettings(raw({ passes: '0' }))).toEqual({ ok: false, error: { field: 'passes', key: 'range', min: 1, max: 20 } });
    expect(parseSettings(raw({ passes: '2.5' }))).toEqual({ ok: false, error: { field: 'passes', key: 'wholeNumber', min: 1, max: 20 } });
    expect(parseSettings(raw({ rate: '-1' }))).toMatchObject({ ok: false, error: { field: 'rate', key: 'positive' } });
    expect(parseSettings(raw({ rate: '' }))).toMatchObject({ ok: false, error: { field: 'rate' } });
    expect(parseSettings(raw({ rate: 'NaN' }))).toMatchObject({ ok: false, error: { field: 'rate' } });
    expect(parseSettings(raw({ seed: '' }))).toMatchObject({ ok: false, error: { field: 'seed', key: 'wholeNumber' } });
    expect(parseSettings(raw({ trainSize: '70000' }))).toMatchObject({ ok: false, error: { field: 'trainSize', key: 'range' } });
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

  test('the first download: two chunks of 5,000 images, all labels and the test set', () => {
    expect(downloadMegabytes(10000)).toBeCloseTo((2 * 3920016 + 60008 + 7840016 + 10008) / 1e6, 9);
    expect(downloadMegabytes(1000)).toBeCloseTo((3920016 + 60008 + 7840016 + 10008) / 1e6, 9);
  });
});
