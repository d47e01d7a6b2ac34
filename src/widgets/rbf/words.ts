/** The RBF widgets' interface words, in both languages of the site. */
import { fill, type Lang } from '../../i18n.ts';

const words = {
  codesCaption: {
    en: 'The ten fixed codes of the output layer, drawn by this project as 7×12 bitmaps: red is +1 (ink), blue is −1 (paper) — the same colours as F6’s outputs on these pages.',
    'zh-CN': '输出层的十个固定编码，由本项目绘制成 7×12 的位图：红色为 +1（笔迹），蓝色为 −1（纸面）——与本站各页上 F6 输出的颜色一致。',
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
  stateLegend: { en: 'F6 state: red +1, blue −1, paler between', 'zh-CN': 'F6 状态：红色为 +1，蓝色为 −1，中间值颜色较浅' },
  f6Caption: { en: 'F6’s 84 outputs xⱼ, row by row', 'zh-CN': 'F6 的 84 个输出 xⱼ，逐行排列' },
  codeCaption: { en: 'The nearest code, digit {digit}', 'zh-CN': '最近的编码：数字 {digit}' },
  targetCaption: { en: 'The code of {digit}, the right answer', 'zh-CN': '正确答案 {digit} 的编码' },
  targetLine: {
    en: 'y{k} = Σⱼ (xⱼ − w{k}ⱼ)² = {distance}. The nearest code is now {nearest}.',
    'zh-CN': 'y{k} = Σⱼ (xⱼ − w{k}ⱼ)² = {distance}。此刻最近的编码是 {nearest}。',
  },
  codeCaptionBlank: { en: 'The nearest code', 'zh-CN': '最近的编码' },
  termsCaption: { en: '(xⱼ − w{k}ⱼ)², unit by unit', 'zh-CN': '逐个单元的 (xⱼ − w{k}ⱼ)²' },
  termsCaptionBlank: { en: '(xⱼ − wⱼ)², unit by unit', 'zh-CN': '逐个单元的 (xⱼ − wⱼ)²' },
  distanceLine: {
    en: 'y{k} = Σⱼ (xⱼ − w{k}ⱼ)² = {distance}: the smallest of the ten distances, so the answer is {digit}.',
    'zh-CN': 'y{k} = Σⱼ (xⱼ − w{k}ⱼ)² = {distance}：十个距离中最小的一个，所以答案是 {digit}。',
  },
  pickDigit: { en: 'Test digit', 'zh-CN': '测试数字' },
  thumb: { en: 'The chosen test digit', 'zh-CN': '所选的测试数字' },
  closeGroup: { en: 'The closest calls among the 10,000 test digits', 'zh-CN': '10,000 个测试数字中最难分辨的几个' },
  closeOption: { en: 'Image #{index}: a {digit}, read as {read}', 'zh-CN': '图像 #{index}：数字 {digit}，网络读作 {read}' },
  jLabel: { en: 'j, the distance of the “none of these” class', 'zh-CN': 'j：“都不是”类别的距离' },
  jNote: { en: 'The paper gives no value; this project trains with j = {j}.', 'zh-CN': '论文没有给出数值；本项目训练时取 j = {j}。' },
  plainLine: {
    en: 'Plain loss (eq. 8): E = y{k} = {y}. It pulls y{k} down with ∂E/∂y{k} = 1 and pushes no wrong class.',
    'zh-CN': '普通损失（式 8）：E = y{k} = {y}。它以 ∂E/∂y{k} = 1 把 y{k} 往下拉，不推开任何错误类别。',
  },
  mapName: { en: 'MAP loss (eq. 9):', 'zh-CN': 'MAP 损失（式 9）：' },
  pullLine: {
    en: 'Pull on the right code: ∂E/∂y{k} = 1 − p{k} = {pull}. Push on the wrong codes, in all: {push}; the most, {nearestPush}, on {nearest}.',
    'zh-CN': '对正确编码的拉力：∂E/∂y{k} = 1 − p{k} = {pull}。对错误编码的推力合计：{push}；最大的是 {nearest}，为 {nearestPush}。',
  },
  sharesCaption: {
    en: 'How Z = e⁻ʲ + Σᵢ e⁻ʸⁱ is shared out (the shares add up to 1). A wrong class i is pushed away with its share pᵢ = −∂E/∂yᵢ; the right class is pulled with 1 − its share.',
    'zh-CN': 'Z = e⁻ʲ + Σᵢ e⁻ʸⁱ 的分配（各份之和为 1）。错误类别 i 受到的推力就是它的份额 pᵢ = −∂E/∂yᵢ；正确类别受到的拉力是 1 减去它的份额。',
  },
  shareWrong: { en: 'push p{k} = {p}', 'zh-CN': '推力 p{k} = {p}' },
  shareRight: { en: 'right answer: p{k} = {p}, pulled with {pull}', 'zh-CN': '正确答案：p{k} = {p}，拉力 {pull}' },
  shareRubbish: { en: '“none of these”: e⁻ʲ/Z = {p}', 'zh-CN': '“都不是”：e⁻ʲ/Z = {p}' },
  stateScale: { en: 'F6 and the codes', 'zh-CN': 'F6 与编码' },
  termScale: { en: 'terms of the distance', 'zh-CN': '距离的各项' },
} as const satisfies Record<string, Record<Lang, string>>;

export type RbfWord = keyof typeof words;

export function say(key: RbfWord, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
