/**
 * Build time only (Node): the real feature map the subsampling widget works on. A real MNIST test
 * digit (the site's shared sample digits, src/data/digits.ts) goes through the engine's LeNet-5
 * with the shipped pretrained weights (public/weights/faithful.bin, the file the activation views
 * fetch); the widget takes the C1 map that S2 subsamples (or the C3 map that S4 subsamples) with
 * the most contrast, and starts from the coefficient and bias that training gave that map. Without a weights file (a fresh
 * checkout before `lenet train`), the same digit goes through the network's seeded initial
 * weights instead, and the caption says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWeights, Model, prepareDigit, VARIANTS } from '../../../engine/index.ts';
import { sampleDigits } from '../../data/digits.ts';
import type { FeatureMap } from './model.ts';
import type { Lang } from '../../i18n.ts';

export const WEIGHTS_FILE = join('public', 'weights', 'faithful.bin');
/** The digit shown, as in the activation views: the first test image of a 3. */
export const DIGIT = 3;

export interface MapSource {
  map: FeatureMap;
  /** The subsampling layer's own coefficient and bias for this map. */
  start: { coefficient: number; bias: number };
  /** True when the weights are the pretrained ones. */
  trained: boolean;
  caption: Record<Lang, string>;
}

const cache = new Map<string, MapSource>();

/** Variance of one plane: how much there is to see in it. */
function variance(values: Float32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let s = 0;
  for (const v of values) s += (v - mean) ** 2;
  return s / values.length;
}

export function featureMapFor(layer: 'S2' | 'S4'): MapSource {
  const hit = cache.get(layer);
  if (hit) return hit;
  const model = new Model(VARIANTS.faithful.spec());
  const trained = existsSync(WEIGHTS_FILE);
  if (trained) loadWeights(model, new Uint8Array(readFileSync(WEIGHTS_FILE)), WEIGHTS_FILE);
  const digit = sampleDigits().find((d) => d.label === DIGIT)!;
  const input = prepareDigit({ pixels: Uint8Array.from(digit.pixels), rows: 28, cols: 28 }, 0, new Float32Array(model.inputUnits));
  const trace = model.forward(input);
  const at = model.layers.findIndex((l) => l.name === layer);
  const feeding = trace.layers[at - 1];
  const { maps, height } = feeding.shape;
  const plane = (m: number) => feeding.out.subarray(m * height * height, (m + 1) * height * height);
  let best = 0;
  for (let m = 1; m < maps; m++) if (variance(plane(m)) > variance(plane(best))) best = m;
  // The subsampling layer's parameters: one coefficient per map, then one bias per map.
  const { offset } = model.layers[at];
  const start = { coefficient: round(model.params[offset + best]), bias: round(model.params[offset + maps + best]) };
  const weights = trained
    ? { en: 'pretrained weights', 'zh-CN': '预训练权重' }
    : { en: 'the network’s initial (untrained) weights', 'zh-CN': '网络未经训练的初始权重' };
  const source: MapSource = {
    map: { size: height, values: Float32Array.from(plane(best)) },
    start,
    trained,
    caption: {
      en: `Input: map ${best + 1} of ${feeding.name} for MNIST test image #${digit.index} (a ${digit.label}), ${weights.en}. Start: that map’s ${layer} coefficient and bias.`,
      'zh-CN': `输入：MNIST 测试图像 #${digit.index}（数字 ${digit.label}）在 ${feeding.name} 的第 ${best + 1} 张特征图，使用${weights['zh-CN']}。初始值：该特征图在 ${layer} 中的系数和偏置。`,
    },
  };
  cache.set(layer, source);
  return source;
}

/** Slider positions: both sliders move in steps of 0.01. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}
