/** The C3 connection table's interface words, in the site's two languages. */
import type { Lang } from '../../i18n.ts';

export const words = {
  caption: {
    en: 'Which S2 maps (rows) feed each C3 map (columns). Press a cell to connect or disconnect it; arrow keys move between cells.',
    'zh-CN': '每张 C3 特征图（列）接收哪些 S2 特征图（行）。点按单元格即可接上或断开；方向键可在单元格之间移动。',
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

/** A cell's accessible name: "C3 map 4 ← S2 map 5". */
export const cellName = (lang: Lang, c3: number, s2: number): string =>
  lang === 'en' ? `C3 map ${c3} ← S2 map ${s2}` : `C3 特征图 ${c3} ← S2 特征图 ${s2}`;
