import { fill, type Lang } from '../../i18n.ts';

type Words = Record<string, Record<Lang, string>>;

export const words = {
  pad: { en: 'Drawing pad: draw one digit with the mouse, a finger or a pen', 'zh-CN': '画板：用鼠标、手指或触控笔写一个数字' },
  hint: { en: 'Draw a digit (0–9) in the box.', 'zh-CN': '在方框里写一个数字（0–9）。' },
  clear: { en: 'Clear', 'zh-CN': '清除' },
  weights: { en: 'Weights', 'zh-CN': '权重' },
  faithful: { en: 'Pretrained faithful 1998 network', 'zh-CN': '预训练的忠实 1998 版网络' },
  modern: { en: 'Pretrained modern network', 'zh-CN': '预训练的现代版网络' },
  yours: { en: 'Yours from the Training chapter ({label})', 'zh-CN': '你在训练一章得到的（{label}）' },
  loading: { en: 'Loading the weights…', 'zh-CN': '正在加载权重……' },
  failed: { en: 'The weights could not be loaded ({why}).', 'zh-CN': '无法加载权重（{why}）。' },
  retry: { en: 'Try again', 'zh-CN': '重试' },
  input: { en: 'What the network sees: the drawing cropped, scaled to 20×20, centred by its centre of mass in 28×28 and padded to 32×32', 'zh-CN': '网络看到的输入：裁到笔迹、缩放到 20×20、按质心放进 28×28，再补边到 32×32' },
  answer: { en: 'The network’s answer', 'zh-CN': '网络的回答' },
  nothing: { en: '–', 'zh-CN': '–' },
  answerIs: { en: 'It reads {answer}', 'zh-CN': '识别为 {answer}' },
  distances: { en: 'The ten RBF outputs: squared distance from F6’s output to each digit’s code (smallest wins)', 'zh-CN': '十个 RBF 输出：F6 的输出到各数字编码的平方距离（最小者获胜）' },
  probabilities: { en: 'The ten probabilities from the softmax (largest wins)', 'zh-CN': 'softmax 给出的十个概率（最大者获胜）' },
  nearest: { en: 'Nearest code: {a} (distance {da}); next: {b} ({db}).', 'zh-CN': '最近的编码：{a}（距离 {da}）；其次：{b}（{db}）。' },
  likeliest: { en: 'Most likely: {a} ({pa}); next: {b} ({pb}).', 'zh-CN': '最可能：{a}（{pa}）；其次：{b}（{pb}）。' },
  distance: { en: 'squared distance', 'zh-CN': '平方距离' },
  probability: { en: 'probability', 'zh-CN': '概率' },
  digit: { en: 'digit', 'zh-CN': '数字' },
  layers: { en: 'Every layer’s activations for your digit', 'zh-CN': '你的数字在每一层的激活' },
  map: { en: '{layer} map {n}', 'zh-CN': '{layer} 特征图 {n}' },
  units: { en: '{layer}: {n} units', 'zh-CN': '{layer}：{n} 个单元' },
  featuresLabel: { en: 'Bar chart of the modern network’s 84 F6 features', 'zh-CN': '现代版网络 F6 的 84 个特征的柱状图' },
  featuresCaption: {
    en: 'The modern network’s F6: 84 ReLU features, each 0 or more, drawn as bars in unit order (the tallest is the highest). Ten trained output units weigh all 84 and a softmax turns their sums into the probabilities above. There is no code to compare them with, so the order of the units means nothing, and a 7×12 picture of them would suggest a digit that is not there.',
    'zh-CN': '现代版网络的 F6：84 个 ReLU 特征，每个都不小于 0，按单元顺序画成柱子（最高的就是最大的）。十个经过训练的输出单元对这 84 个值加权求和，再由 softmax 变成上面的概率。这里没有可以比较的编码，单元的顺序没有任何含义；把它们画成 7×12 的图，会让人以为那里画着一个数字，其实并没有。',
  },
  legendNeg: { en: 'negative', 'zh-CN': '负' },
  legendPos: { en: 'positive', 'zh-CN': '正' },
} satisfies Words;

export function say(key: keyof typeof words, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
