/** The RBF widgets' interface words, in both languages of the site. */
import { fill, type Lang } from '../../i18n.ts';

const words = {
  codesCaption: {
    en: 'The ten fixed codes of the output layer, drawn by this project as 7×12 bitmaps: black is +1, white is −1.',
    'zh-CN': '输出层的十个固定编码，由本项目绘制成 7×12 的位图：黑色为 +1，白色为 −1。',
  },
  codeOf: { en: 'Code of digit {digit}', 'zh-CN': '数字 {digit} 的编码' },
  distance: { en: 'Distance', 'zh-CN': '距离' },
  distanceAxis: { en: 'Distance to the code', 'zh-CN': '到编码的距离' },
  digitAxis: { en: 'Digit i', 'zh-CN': '数字 i' },
  answer: { en: 'Answer: {digit} (the smallest distance, {distance})', 'zh-CN': '识别结果：{digit}（距离最小，为 {distance}）' },
  tie: { en: 'A tie between {digits}: the first, {digit}, is taken (distance {distance})', 'zh-CN': '{digits} 并列最小：取第一个 {digit}（距离 {distance}）' },
  distancesCaption: { en: 'The ten RBF distances, digit by digit', 'zh-CN': '十个 RBF 距离，逐个数字列出' },
  digitShort: { en: '{digit}:', 'zh-CN': '{digit}:' },
  chartLabel: {
    en: 'Bar chart of the ten RBF distances; the shortest bar is the answer. The same numbers are listed below it.',
    'zh-CN': '十个 RBF 距离的柱状图，最短的柱子就是识别结果。图下列出了同样的数字。',
  },
  stateGroup: {
    en: 'F6 state on the 7×12 grid: click a cell, or press Space or Enter on it, to flip it between +1 and −1. Arrow keys move between cells.',
    'zh-CN': '7×12 网格上的 F6 状态：点击某个格子，或在格子上按空格键或回车键，使它在 +1 和 −1 之间翻转。方向键在格子之间移动。',
  },
  cell: { en: 'Unit {unit}: row {row}, column {col}', 'zh-CN': '单元 {unit}：第 {row} 行第 {col} 列' },
  startFrom: { en: 'F6 state to start from', 'zh-CN': 'F6 的起始状态' },
  codesGroup: { en: 'The codes', 'zh-CN': '编码' },
  codeOption: { en: 'Code of digit {digit}', 'zh-CN': '数字 {digit} 的编码' },
  samplesGroup: { en: 'Real test digits (trained network)', 'zh-CN': '真实测试数字（训练好的网络）' },
  sampleOption: { en: 'Test digit {digit} (image #{index})', 'zh-CN': '测试数字 {digit}（图像 #{index}）' },
  sampleSource: {
    en: 'What the trained network’s F6 outputs for test image #{index}, a {digit}.',
    'zh-CN': '训练好的网络对测试图像 #{index}（数字 {digit}）给出的 F6 输出。',
  },
  flipRandom: { en: 'Flip 5 random cells', 'zh-CN': '随机翻转 5 个格子' },
  flipped: { en: 'Cells flipped: {n}', 'zh-CN': '已翻转格子：{n}' },
  stateLegend: { en: 'F6 state: black +1, white −1, greys between', 'zh-CN': 'F6 状态：黑色为 +1，白色为 −1，中间值为灰色' },
} as const satisfies Record<string, Record<Lang, string>>;

export type RbfWord = keyof typeof words;

export function say(key: RbfWord, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
