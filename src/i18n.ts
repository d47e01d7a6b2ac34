import { ENGLISH_FORMULA_WORDS, type FormulaWords } from '../engine/index.ts';

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
  noscript: {
    en: 'The widgets on this page need JavaScript, which this browser is not running: without it they show at most their first state, and no controls.',
    'zh-CN': '本页的交互组件需要 JavaScript，而这个浏览器没有运行它：没有它，组件最多只显示初始状态，也没有控件。',
  },
  tableCaption: {
    en: 'LeNet-5 as computed by the engine from the paper’s specification',
    'zh-CN': '由引擎根据论文中的网络规格计算得到的 LeNet-5',
  },
} as const;

export type WordKey = keyof typeof words;

export function t(lang: Lang, key: WordKey): string {
  return words[key][lang];
}

/** The words inside the engine's formulas (engine/explain.ts), in each language. */
export const formulaWords: Record<Lang, FormulaWords> = {
  en: ENGLISH_FORMULA_WORDS,
  'zh-CN': {
    maps: '特征图', params: '参数', macs: '乘加', paddingNote: '填充的零不算输入',
    realTaps: '落在真实输入上的卷积核位置数', noWeights: '没有权重', comparisonsOnly: '只做比较',
    units: '单元数', distances: '个距离', trainable: '可训练', fixed: '固定', classes: '类别数',
  },
};

/** Fills `{name}` slots of an interface sentence; an unknown slot stays visible as `{name}`. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => String(vars[name] ?? slot));
}

/** Thousands separators as both languages write them in technical text: 340,908. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The labels of the layer calculators' controls: visible labels and accessible names at once. */
export const controlLabels = {
  inputSize: { en: 'Input size', 'zh-CN': '输入尺寸' },
  inputMaps: { en: 'Input maps', 'zh-CN': '输入特征图数' },
  kernel: { en: 'Kernel size', 'zh-CN': '卷积核大小' },
  window: { en: 'Window size', 'zh-CN': '窗口大小' },
  stride: { en: 'Stride', 'zh-CN': '步长' },
  padding: { en: 'Padding', 'zh-CN': '填充' },
  maps: { en: 'Feature maps', 'zh-CN': '特征图数' },
  units: { en: 'Units', 'zh-CN': '单元数' },
} as const;

export const calculatorWords = {
  reset: { en: 'Paper’s values', 'zh-CN': '恢复论文取值' },
  settings: { en: 'Settings', 'zh-CN': '设置' },
  results: { en: 'Computed by the engine', 'zh-CN': '引擎计算结果' },
  notWhole: { en: 'Enter a whole number.', 'zh-CN': '请输入一个整数。' },
  stale: {
    en: 'These are the numbers for the last setting that worked.',
    'zh-CN': '下面是上一个有效设置下的数字。',
  },
  tableKept: { en: 'Uses the paper’s connection table.', 'zh-CN': '使用论文中的连接表。' },
  tableDropped: {
    en: 'The paper’s connection table only fits 6 input and 16 output maps, so every output map now sees every input map.',
    'zh-CN': '论文的连接表只适用于 6 张输入特征图和 16 张输出特征图，所以现在每张输出特征图都连接全部输入特征图。',
  },
} as const;

/** Chinese wording for the engine's refusals (see SpecError); anything unknown stays in English. */
const reasonsZh: [RegExp, string][] = [
  [/^is larger than the padded input (\d+)×(\d+)$/, '大于补零后的输入 $1×$2'],
  [/^is larger than the input (\d+)×(\d+)$/, '大于输入 $1×$2'],
  [/^is not a whole number in range$/, '不是允许范围内的整数'],
  [/^would give units that see nothing but padding$/, '会让一些单元只看到填充的零'],
  [/^do not match the number of feature maps$/, '与特征图数不一致'],
  [/^gives this output map no input map, so it could only ever output its bias$/, '为空——这张输出特征图没有任何输入，只能输出它自己的偏置'],
  [/^names an input map that does not exist$/, '列出了不存在的输入特征图'],
  [/^lists an input map twice$/, '重复列出了同一张输入特征图'],
  [/^is not allowed$/, '不被允许'],
  [/^is too large to count exactly$/, '太大，双精度数无法精确表示'],
];
const allowedZh: [RegExp, string][] = [
  [/^a whole number from (\d+) to (\d+)$/, '$1 到 $2 之间的整数'],
  [/^(\d+) to (\d+)$/, '$1 到 $2'],
  [/^(\d+) to (\d+) for a (\d+)×(\d+) kernel$/, '对 $3×$4 的卷积核为 $1 到 $2'],
  [/^one row per feature map \((\d+)\), each listing (\d+) to (\d+) distinct input maps from (\d+) to (\d+)$/,
    '每张特征图一行，共 $1 行，每行列出 $2 到 $3 张不重复的输入特征图，编号 $4 到 $5'],
  [/^at most 2\^53 − 1 = ([\d,]+)$/, '不超过 2^53 − 1 = $1'],
];
const settingsZh: [RegExp, string][] = [
  [/^input size$/, '输入尺寸'], [/^channels$/, '输入通道数'], [/^kernel size$/, '卷积核大小'], [/^window size$/, '窗口大小'],
  [/^stride$/, '步长'], [/^padding$/, '填充'], [/^feature maps$/, '特征图数'], [/^units$/, '单元数'],
  [/^connection table row (\d+)$/, '连接表中特征图 $1 那一行'], [/^connection table rows$/, '连接表的行数'],
  [/^parameters$/, '参数数'], [/^fixed parameters$/, '固定参数数'], [/^connections$/, '连接数'], [/^multiply-accumulates$/, '乘加次数'],
  [/^total parameters$/, '总参数数'], [/^total fixed parameters$/, '总固定参数数'], [/^total connections$/, '总连接数'], [/^total multiply-accumulates$/, '总乘加次数'],
];

// The engine names where a spec fails: a layer's own name (C1, S2, … — the same in both languages),
// or one of these words, which a Chinese page must not show in English ("input：…").
const placesZh: [RegExp, string][] = [[/^input$/, '输入'], [/^network$/, '网络'], [/^layer (\d+)$/, '第 $1 层']];

function translate(text: string, table: [RegExp, string][]): string | undefined {
  for (const [pattern, zh] of table) if (pattern.test(text)) return text.replace(pattern, zh);
  return undefined;
}

export function describeSpecError(err: { message: string; layer: string; setting: string; value: unknown; allowed: string; reason: string }, lang: Lang): string {
  if (lang === 'en') return err.message;
  const reason = translate(err.reason, reasonsZh);
  const allowed = translate(err.allowed, allowedZh);
  const setting = translate(err.setting, settingsZh);
  if (!reason || !allowed || !setting) return err.message;
  // A table row is named by its position; its (empty or wrong) contents are in the reason.
  const value = Array.isArray(err.value) ? '' : ` ${String(err.value)} `;
  const place = translate(err.layer, placesZh) ?? err.layer;
  return `${place}：${setting}${value}${reason}（允许：${allowed}）`;
}
