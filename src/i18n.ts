/** The site's own interface words, in the two languages of the site. Chapters carry their prose. */
export type Lang = 'en' | 'zh-CN';

const words = {
  layer: { en: 'Layer', 'zh-CN': '层' },
  kind: { en: 'Kind', 'zh-CN': '类型' },
  output: { en: 'Output', 'zh-CN': '输出' },
  outputHint: { en: 'feature maps @ height × width', 'zh-CN': '特征图数 @ 高 × 宽' },
  outputSize: { en: 'Output size', 'zh-CN': '输出尺寸' },
  params: { en: 'Trainable parameters', 'zh-CN': '可训练参数' },
  paramsShort: { en: 'Params', 'zh-CN': '参数' },
  macsShort: { en: 'MACs', 'zh-CN': '乘加' },
  fixedParams: { en: 'Fixed parameters', 'zh-CN': '固定参数' },
  fixedNote: {
    en: 'fixed, not trained: the ten ±1 codes of the RBF output',
    'zh-CN': '固定、不参与训练：RBF 输出层的十个 ±1 编码',
  },
  connections: { en: 'Connections', 'zh-CN': '连接数' },
  macs: { en: 'Multiply-accumulates', 'zh-CN': '乘加次数' },
  input: { en: 'Input', 'zh-CN': '输入' },
  total: { en: 'Total', 'zh-CN': '合计' },
  conv: { en: 'convolution', 'zh-CN': '卷积' },
  subsample: { en: 'subsampling', 'zh-CN': '下采样' },
  full: { en: 'full', 'zh-CN': '全连接' },
  rbf: { en: 'Euclidean RBF', 'zh-CN': '欧氏径向基（RBF）' },
  tableCaption: {
    en: 'LeNet-5 as computed by the engine from the paper’s specification',
    'zh-CN': '由引擎根据论文中的网络规格计算得到的 LeNet-5',
  },
} as const;

export type WordKey = keyof typeof words;

export function t(lang: Lang, key: WordKey): string {
  return words[key][lang];
}

/** Thousands separators as both languages write them in technical text: 340,908. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
