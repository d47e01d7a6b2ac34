/** The C3 connection table's interface words, in the site's two languages. */
import type { Lang } from '../../i18n.ts';

export const words = {
  caption: {
    en: 'Which S2 maps (rows) feed each C3 map (columns). Press a cell to connect or disconnect it; arrow keys move between cells.',
    'zh-CN': '每张 C3 特征图（列）接收哪些 S2 特征图（行）。点按单元格即可接上或断开；方向键可在单元格之间移动。',
  },
  wraps: {
    en: 'The top row names the paper’s families: C3 maps that take 3 or 4 contiguous S2 maps, 4 that are not contiguous, or all 6. Contiguous wraps around: S2 maps 4, 5 and 0 count as neighbours (C3 map 4 takes them).',
    'zh-CN': '最上面一行标出论文的分组：接收 3 张或 4 张相邻 S2 特征图的，接收 4 张不相邻的，以及接收全部 6 张的。“相邻”是首尾相接的：S2 特征图 4、5、0 也算相邻（C3 特征图 4 接收的正是它们）。',
  },
  familyGroup: { en: 'Family', 'zh-CN': '分组' },
  picked: {
    en: 'C3 map {o} is open in the activations below: its column is outlined. It takes S2 maps {maps}.',
    'zh-CN': '下方的激活图中打开的是 C3 特征图 {o}：它的那一列已加框。它接收 S2 特征图 {maps}。',
  },
  c3Header: { en: 'C3 map', 'zh-CN': 'C3 特征图' },
  s2Header: { en: 'S2 map', 'zh-CN': 'S2 特征图' },
  inputs: { en: 'inputs', 'zh-CN': '输入数' },
  presets: { en: 'Presets', 'zh-CN': '预设' },
  paper: { en: 'Paper’s table', 'zh-CN': '论文的连接表' },
  dense: { en: 'All connections', 'zh-CN': '全部连接' },
  random: { en: 'Another random table', 'zh-CN': '换一张随机表' },
  showingPaper: { en: 'Showing Table I of the paper.', 'zh-CN': '当前为论文中的表 I。' },
  showingDense: { en: 'Showing a dense C3: every map sees all six S2 maps.', 'zh-CN': '当前为全连接的 C3：每张特征图都接收全部六张 S2 特征图。' },
  showingRandom: { en: 'Showing random table number {seed} (the same for every reader).', 'zh-CN': '当前为第 {seed} 号随机表（每位读者看到的都一样）。' },
  showingEdited: { en: 'Showing your own table.', 'zh-CN': '当前为你修改过的表。' },
  c3Params: { en: 'C3 trainable parameters', 'zh-CN': 'C3 可训练参数' },
  c3Connections: { en: 'C3 connections', 'zh-CN': 'C3 连接数' },
  totalParams: { en: 'Whole network’s parameters', 'zh-CN': '整个网络的参数' },
  stale: { en: 'These are the numbers for the last table that worked.', 'zh-CN': '下面是上一张有效连接表的数字。' },
  emptyHint: {
    en: 'No input reaches C3 map {maps} (highlighted). Connect at least one S2 map to it.',
    'zh-CN': 'C3 特征图 {maps}（已高亮）没有任何输入，请至少给它接上一张 S2 特征图。',
  },
} as const;

export type WordKey = keyof typeof words;
export const w = (lang: Lang, key: WordKey): string => words[key][lang];

/** A family's name in the grid's header: "3 contiguous", "4 not contiguous", "all 6". */
export function familyName(lang: Lang, family: { inputs: number; contiguous: boolean | null }): string {
  const { inputs, contiguous } = family;
  if (lang === 'en') return contiguous === null ? `all ${inputs}` : `${inputs} ${contiguous ? 'contiguous' : 'not contiguous'}`;
  return contiguous === null ? `全部 ${inputs}` : `${inputs} 张${contiguous ? '相邻' : '不相邻'}`;
}

/** A cell's accessible name: "C3 map 4 ← S2 map 5". */
export const cellName = (lang: Lang, c3: number, s2: number): string =>
  lang === 'en' ? `C3 map ${c3} ← S2 map ${s2}` : `C3 特征图 ${c3} ← S2 特征图 ${s2}`;
