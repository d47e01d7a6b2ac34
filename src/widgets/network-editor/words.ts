/** The network editor's interface words, in both languages of the site. */
import { fill, type Lang } from '../../i18n.ts';

const words = {
  settings: { en: 'Change the first layers', 'zh-CN': '修改前面的层' },
  inputSize: { en: 'Input size', 'zh-CN': '输入尺寸' },
  c1Maps: { en: 'C1 feature maps', 'zh-CN': 'C1 特征图数' },
  c1Kernel: { en: 'C1 kernel size', 'zh-CN': 'C1 卷积核大小' },
  reset: { en: 'Paper’s values', 'zh-CN': '恢复论文取值' },
  notWhole: { en: 'Enter a whole number.', 'zh-CN': '请输入一个整数。' },
  laterLayer: {
    en: 'With these settings a later layer can no longer be built:',
    'zh-CN': '在这些设置下，后面的某一层无法构建：',
  },
  stale: {
    en: 'The table shows the last setting that worked.',
    'zh-CN': '表中是上一个有效设置下的数字。',
  },
  tableKept: {
    en: 'C3 uses the paper’s connection table (Table I).',
    'zh-CN': 'C3 使用论文中的连接表（表 I）。',
  },
  tableDropped: {
    en: 'The paper’s connection table for C3 is written for exactly 6 C1 maps, so with {maps} maps C3 is fully connected here: every C3 map sees every S2 map.',
    'zh-CN': '论文中 C3 的连接表是专为 6 张 C1 特征图设计的；现在 C1 有 {maps} 张特征图，所以这里的 C3 改为全连接：每张 C3 特征图都连接全部 S2 特征图。',
  },
  fixed: { en: 'fixed', 'zh-CN': '固定' },
  chain: { en: 'How far the input gets, layer by layer', 'zh-CN': '输入逐层能走到哪里' },
  input: { en: 'Input', 'zh-CN': '输入' },
  stopsHere: { en: 'cannot be built', 'zh-CN': '无法构建' },
  scrollTable: { en: 'The network with your settings (scrolls sideways)', 'zh-CN': '按你的设置得到的网络（可横向滚动）' },
  changed: { en: 'differs from the paper', 'zh-CN': '与论文不同' },
  caption: {
    en: 'LeNet-5 with your settings, analysed by the engine; highlighted numbers differ from the paper’s.',
    'zh-CN': '按你的设置由引擎分析得到的 LeNet-5；高亮的数字与论文不同。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type EditorWord = keyof typeof words;

export function say(key: EditorWord, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
