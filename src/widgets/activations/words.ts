import { fill, type Lang } from '../../i18n.ts';

type Words = Record<string, Record<Lang, string>>;

export const words = {
  pick: { en: 'Pick a test digit', 'zh-CN': '选择一个测试数字' },
  digit: { en: 'Digit {label}, test image #{index}', 'zh-CN': '数字 {label}，测试图像 #{index}' },
  loading: { en: 'Loading the trained network…', 'zh-CN': '正在加载训练好的网络……' },
  failed: { en: 'The trained weights could not be loaded ({why}).', 'zh-CN': '无法加载训练好的权重（{why}）。' },
  retry: { en: 'Try again', 'zh-CN': '重试' },
  caption: {
    en: '{layer}: {maps} feature maps of {h}×{w} for digit {label} (test image #{index}). The network reads it as {answer}.',
    'zh-CN': '{layer}：数字 {label}（测试图像 #{index}）的 {maps} 张 {h}×{w} 特征图。网络把它识别为 {answer}。',
  },
  captionUnits: {
    en: '{layer}: its {units} units for digit {label} (test image #{index}), drawn as a grid {w} wide and {h} high. The network reads it as {answer}.',
    'zh-CN': '{layer}：数字 {label}（测试图像 #{index}）下它的 {units} 个单元，画成宽 {w}、高 {h} 的网格。网络把它识别为 {answer}。',
  },
  map: { en: '{layer} map {n}', 'zh-CN': '{layer} 特征图 {n}' },
  kernels: { en: 'The six learned 5×5 kernels of C1', 'zh-CN': 'C1 学到的六个 5×5 卷积核' },
  kernel: { en: 'Kernel of C1 map {n}', 'zh-CN': 'C1 特征图 {n} 的卷积核' },
  legendNeg: { en: 'negative', 'zh-CN': '负' },
  legendPos: { en: 'positive', 'zh-CN': '正' },
} satisfies Words;

export function say(key: keyof typeof words, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
