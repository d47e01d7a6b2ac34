/** The subsampling widget's interface words. */
export const words = {
  coefficient: { en: 'Coefficient', 'zh-CN': '系数' },
  bias: { en: 'Bias', 'zh-CN': '偏置' },
  resetTrained: { en: 'Trained values', 'zh-CN': '恢复训练所得取值' },
  input: { en: 'Input', 'zh-CN': '输入' },
  trainable: { en: 'Trainable subsampling', 'zh-CN': '可训练下采样' },
  average: { en: 'Average pooling', 'zh-CN': '平均池化' },
  max: { en: 'Max pooling', 'zh-CN': '最大池化' },
  curve: { en: 'Where the units land on the squash f(a) = 1.7159·tanh(2a/3)', 'zh-CN': '各单元落在压缩函数 f(a) = 1.7159·tanh(2a/3) 上的位置' },
  focus: { en: 'The outlined unit, step by step (c = coefficient, b = bias; the window that stands out most from the rest of the map)', 'zh-CN': '方框标出的单元，逐步计算（c 为系数，b 为偏置；选的是与图中其余部分差别最大的窗口）' },
  whole: { en: 'The whole output map', 'zh-CN': '整张输出特征图' },
  sum: { en: 'Window sum', 'zh-CN': '窗口之和' },
  pre: { en: 'a = c · sum + b', 'zh-CN': 'a = c · 和 + b' },
  out: { en: 'y = f(a)', 'zh-CN': 'y = f(a)' },
  range: { en: 'Output range', 'zh-CN': '输出范围' },
  saturated: { en: 'Saturated units (|y| ≥ 90 % of 1.7159)', 'zh-CN': '饱和单元（|y| ≥ 1.7159 的 90%）' },
  of: { en: 'of', 'zh-CN': '/' },
  scale: { en: 'Colours: blue −1.72, white 0, red +1.72 — one scale for all four maps.', 'zh-CN': '颜色：蓝为 −1.72，白为 0，红为 +1.72——四张图使用同一标尺。' },
  map: { en: 'map', 'zh-CN': '特征图' },
  mapOption: { en: 'Map', 'zh-CN': '特征图' },
  mapOptionAfter: { en: '', 'zh-CN': '' },
  pretrained: { en: 'pretrained weights', 'zh-CN': '预训练权重' },
  controls: { en: 'Trainable subsampling settings', 'zh-CN': '可训练下采样的设置' },
} as const;

/** The line under the controls: which digit, which weights, where the sliders start. */
export function sourceCaption(lang: 'en' | 'zh-CN', v: { feeding: string; layer: string; index: number; label: number }): string {
  const weights = words.pretrained[lang];
  return lang === 'en'
    ? `Input: a ${v.feeding} map of MNIST test image #${v.index} (a ${v.label}), computed with ${weights}. The sliders start at the coefficient and bias that this map has in ${v.layer}.`
    : `输入：MNIST 测试图像 #${v.index}（数字 ${v.label}）的一张 ${v.feeding} 特征图，使用${weights}计算。滑块的初始位置是这张特征图在 ${v.layer} 中的系数和偏置。`;
}
