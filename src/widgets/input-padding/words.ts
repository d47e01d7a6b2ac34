/** The input widget's interface words, in the site's two languages. */
import { fill, type Lang } from '../../i18n.ts';

export const words = {
  figure: {
    en: 'A test digit “{label}” as LeNet-5 receives it: {side}×{side} values. Move the pointer over it, tap it, or focus it and use the arrow keys to read a pixel.',
    'zh-CN': '一个测试集数字“{label}”进入 LeNet-5 时的样子：{side}×{side} 个数值。把指针移到图上、点按，或聚焦后用方向键，即可读出某个像素的值。',
  },
  pixels: { en: 'Input pixels of the digit {label}', 'zh-CN': '数字 {label} 的输入像素' },
  legendDigit: { en: 'the original {m}×{m} digit', 'zh-CN': '原始的 {m}×{m} 数字' },
  legendPad: { en: 'the {pad}-pixel frame of padding', 'zh-CN': '{pad} 像素宽的填充边框' },
  legendField: { en: 'C1’s {k}×{k} receptive field centred on the pixel', 'zh-CN': '以该像素为中心的 C1 {k}×{k} 感受野' },
  position: { en: 'Row {row}, column {col}', 'zh-CN': '第 {row} 行，第 {col} 列' },
  grey: { en: 'grey level {grey} of 255 → input value {value}', 'zh-CN': '灰度 {grey}/255 → 输入值 {value}' },
  padding: { en: 'padding (white paper) → input value {value}', 'zh-CN': '填充（白纸）→ 输入值 {value}' },
  centre: {
    en: 'The centre of C1 unit ({row}, {col})’s receptive field.',
    'zh-CN': '它是 C1 单元 ({row}, {col}) 感受野的中心。',
  },
  noCentre: {
    en: 'This pixel is in the padding frame: no C1 receptive field is centred on it.',
    'zh-CN': '这个像素位于填充边框中：没有哪个 C1 感受野以它为中心。',
  },
  window: { en: 'Input values in that {k}×{k} window', 'zh-CN': '这个 {k}×{k} 窗口中的输入值' },
  stats: { en: 'This digit’s {count} input values: mean {mean}, variance {variance}.', 'zh-CN': '这个数字的 {count} 个输入值：均值 {mean}，方差 {variance}。' },
  pick: { en: 'Pick a test digit', 'zh-CN': '选择一个测试集数字' },
  digit: { en: 'Digit {label}, test image #{index}', 'zh-CN': '数字 {label}，测试图像 #{index}' },
  setStats: {
    en: 'All {count} MNIST test digits prepared this way: mean {mean}, variance {variance}.',
    'zh-CN': '按同样方式处理全部 {count} 个 MNIST 测试集数字：均值 {mean}，方差 {variance}。',
  },
} as const;

export type WordKey = keyof typeof words;

/** A phrase with its {placeholders} filled in. */
export function say(lang: Lang, key: WordKey, values: Record<string, string | number> = {}): string {
  return fill(words[key][lang], values);
}
