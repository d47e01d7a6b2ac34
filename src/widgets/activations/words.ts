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
  mapsGroup: { en: 'The feature maps of {layer}: press one to open a unit of it', 'zh-CN': '{layer} 的特征图：点按一张，拆开其中的一个单元' },
  autoscale: { en: 'Scale each map to its own range', 'zh-CN': '每张特征图按自己的范围着色' },
  legendAuto: {
    en: 'Each map is stretched from its own smallest value (blue) to its own largest (red), both printed under it: a map that barely varies shows its pattern, but colours no longer compare between maps, nor say the sign.',
    'zh-CN': '每张特征图从它自己的最小值（蓝）拉伸到最大值（红），两个值都印在图下：几乎不变的图也能显出图案，但颜色不再能在图与图之间比较，也不再表示正负。',
  },
  drillTitle: { en: 'One unit, from inside', 'zh-CN': '拆开一个单元' },
  instructions: {
    en: 'Click or tap a unit on any map above or on the enlarged map. Keyboard: Tab to a map, then the arrow keys move the unit within it.',
    'zh-CN': '在上面任意一张特征图或放大图上点按一个单元。键盘：用 Tab 走到一张图，再用方向键在图内移动单元。',
  },
  instructionsVector: {
    en: 'Click or tap a unit of the grid above. Keyboard: Tab to the grid, then the arrow keys move the unit.',
    'zh-CN': '在上面的网格中点按一个单元。键盘：用 Tab 走到网格，再用方向键移动单元。',
  },
  picker: { en: 'Unit picker on {layer} map {n}', 'zh-CN': '{layer} 特征图 {n} 上的单元选择器' },
  pickerVector: { en: 'Unit picker on the {units} units of {layer}', 'zh-CN': '{layer} 的 {units} 个单元上的单元选择器' },
  unitName: { en: '{layer} map {map}, row {y}, column {x}', 'zh-CN': '{layer} 特征图 {map}，第 {y} 行第 {x} 列' },
  unitNameVector: { en: '{layer} unit {map}', 'zh-CN': '{layer} 单元 {map}' },
  announce: { en: '{unit}: a = {a}, y = {y}.', 'zh-CN': '{unit}：a = {a}，y = {y}。' },
  moveUp: { en: 'Move the unit up', 'zh-CN': '单元上移' },
  moveDown: { en: 'Move the unit down', 'zh-CN': '单元下移' },
  moveLeft: { en: 'Move the unit left', 'zh-CN': '单元左移' },
  moveRight: { en: 'Move the unit right', 'zh-CN': '单元右移' },
  fieldTitle: { en: 'Its receptive field, down to the 32×32 input', 'zh-CN': '它的感受野，一直追到 32×32 的输入' },
  levelInput: { en: 'input {h}×{w}', 'zh-CN': '输入 {h}×{w}' },
  levelMap: { en: '{name}: map {maps} of {total}', 'zh-CN': '{name}：{total} 张特征图中的 {maps}' },
  levelMaps: { en: '{name}: maps {maps} of {total}', 'zh-CN': '{name}：{total} 张特征图中的 {maps}' },
  levelAllMaps: { en: '{name}: all {total} maps', 'zh-CN': '{name}：全部 {total} 张特征图' },
  levelRect: { en: 'rows {r0}–{r1}, columns {c0}–{c1} ({h}×{w})', 'zh-CN': '第 {r0}–{r1} 行、第 {c0}–{c1} 列（{h}×{w}）' },
  levelUnits: { en: '{name}: all {total} units', 'zh-CN': '{name}：全部 {total} 个单元' },
  outside: { en: 'not connected', 'zh-CN': '未连接' },
  computationTitle: { en: 'How its number comes out (shipped weights, this digit)', 'zh-CN': '它的数值是怎么算出来的（随网站发布的权重，当前数字）' },
  termLine: { en: '{name} map {source}: patch ⊙ kernel = {sum}', 'zh-CN': '{name} 特征图 {source}：局部 ⊙ 卷积核 = {sum}' },
  inputName: { en: 'input', 'zh-CN': '输入' },
  patchOf: { en: 'patch of {name} map {source}', 'zh-CN': '{name} 特征图 {source} 上的局部' },
  windowOf: { en: 'window of {name} map {source}', 'zh-CN': '{name} 特征图 {source} 上的窗口' },
  nudge: { en: 'Move the unit', 'zh-CN': '移动单元' },
  patch: { en: 'patch', 'zh-CN': '局部' },
  kernelOf: { en: 'kernel', 'zh-CN': '卷积核' },
  numbers: { en: 'Every number of the patches and kernels', 'zh-CN': '局部与卷积核的每一个数' },
  sumTerms: { en: 'Σ over the {n} connected maps', 'zh-CN': '对 {n} 张相连的特征图求和' },
  bias: { en: 'bias', 'zh-CN': '偏置' },
  windowSum: { en: 'window sum', 'zh-CN': '窗口之和' },
  coefficient: { en: 'coefficient', 'zh-CN': '系数' },
  flipped: {
    en: 'The coefficient is negative: a large positive window sum gives a negative a, so this map is its input map with the sign flipped.',
    'zh-CN': '系数是负的：窗口之和越大越正，a 反而越负——这张图是它的输入图翻了号的样子。',
  },
  average: { en: 'average = window sum × {c}', 'zh-CN': '平均 = 窗口之和 × {c}' },
  maxOf: { en: 'largest of the window (position {k})', 'zh-CN': '窗口中的最大值（位置 {k}）' },
  contributions: { en: 'The {n} largest of its {inputs} products w·x', 'zh-CN': '它的 {inputs} 个乘积 w·x 中最大的 {n} 个' },
  fromUnit: { en: '{name} unit', 'zh-CN': '{name} 单元' },
  rest: { en: 'the other {n} products', 'zh-CN': '其余 {n} 个乘积' },
  noSquash: { en: 'y = a (no squashing function here)', 'zh-CN': 'y = a（这里没有压缩函数）' },
  kernels: { en: 'The six learned 5×5 kernels of C1', 'zh-CN': 'C1 学到的六个 5×5 卷积核' },
  kernel: { en: 'Kernel of C1 map {n}', 'zh-CN': 'C1 特征图 {n} 的卷积核' },
  legendNeg: { en: 'negative', 'zh-CN': '负' },
  legendPos: { en: 'positive', 'zh-CN': '正' },
} satisfies Words;

export function say(key: keyof typeof words, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
