import { fill, type Lang } from '../../i18n.ts';

type Words = Record<string, Record<Lang, string>>;

export const words = {
  pad: { en: 'Drawing pad: draw one digit with the mouse, a finger or a pen', 'zh-CN': '画板：用鼠标、手指或触控笔写一个数字' },
  hint: { en: 'Draw a digit (0–9) in the box.', 'zh-CN': '在方框里写一个数字（0–9）。' },
  clear: { en: 'Clear', 'zh-CN': '清除' },
  undo: { en: 'Undo last stroke', 'zh-CN': '撤销上一笔' },
  weights: { en: 'Reader', 'zh-CN': '识别用的网络' },
  'faithful-distort': { en: 'Faithful 1998 network, trained with distortions', 'zh-CN': '忠实 1998 版网络，用变形样本训练' },
  'modern-distort': { en: 'Modern network, trained with distortions', 'zh-CN': '现代版网络，用变形样本训练' },
  faithful: { en: 'Faithful 1998 network, plain training (the chapters’ run)', 'zh-CN': '忠实 1998 版网络，普通训练（各章引用的那次）' },
  modern: { en: 'Modern network, plain training', 'zh-CN': '现代版网络，普通训练' },
  deskew: { en: 'Straighten the slant (deskew)', 'zh-CN': '扶正倾斜（去歪斜）' },
  deskewNote: {
    en: 'Shears the digit so that its ink leans neither way. MNIST’s digits were not deskewed, so the networks learned slanted digits as they come; this helps a digit slanted more than MNIST’s usually are.',
    'zh-CN': '把数字横向错切，让笔迹不向任何一边倾斜。MNIST 的数字本身没有做过这一步，网络学到的是原样倾斜的数字；只有当你写得比 MNIST 里常见的更斜时，它才帮得上忙。',
  },
  yours: { en: 'Yours from the Training chapter ({label})', 'zh-CN': '你在训练一章得到的（{label}）' },
  loading: { en: 'Loading the weights…', 'zh-CN': '正在加载权重……' },
  failed: { en: 'The weights could not be loaded ({why}).', 'zh-CN': '无法加载权重（{why}）。' },
  retry: { en: 'Try again', 'zh-CN': '重试' },
  input: { en: 'What the network sees: the drawing cropped, scaled to 20×20, centred by its centre of mass in 28×28 and padded to 32×32', 'zh-CN': '网络看到的输入：裁到笔迹、缩放到 20×20、按质心放进 28×28，再补边到 32×32' },
  answer: { en: 'The network’s answer', 'zh-CN': '网络的回答' },
  nothing: { en: '–', 'zh-CN': '–' },
  nothingDrawn: { en: 'Nothing drawn yet', 'zh-CN': '还没有写字' },
  answerIs: { en: 'It reads {answer}', 'zh-CN': '识别为 {answer}' },
  answerUnsure: { en: 'It reads {answer}, but is not sure', 'zh-CN': '识别为 {answer}，但没有把握' },
  answerSmall: { en: 'Not read: draw bigger', 'zh-CN': '未识别：请写大一点' },
  answerPieces: { en: 'Not read: one digit at a time', 'zh-CN': '未识别：一次只写一个数字' },
  tagUnsure: { en: 'not sure', 'zh-CN': '没把握' },
  tagSmall: { en: 'draw bigger', 'zh-CN': '写大一点' },
  tagPieces: { en: 'one digit at a time', 'zh-CN': '一次一个数字' },
  adviceSmall: {
    en: 'Too small to read: scaled up to 20×20 pixels, a dot or a scribble this size becomes a blob the network would still name. Draw the digit across most of the box.',
    'zh-CN': '太小了，没法识别：这么小的一点或一笔，放大到 20×20 像素后只是一团墨，网络却照样会报出一个数字。请把数字写得占满大半个方框。',
  },
  advicePieces: {
    en: 'The ink falls into pieces side by side, like two digits. The network reads one digit at a time, so it does not answer: clear the pad, or undo strokes, and draw one digit.',
    'zh-CN': '笔迹分成了左右并排的几块，像是两个数字。网络一次只读一个数字，所以这里不作回答：请清除或撤销几笔，只写一个数字。',
  },
  adviceUnsureFaithful: {
    en: 'Not sure: the nearest code is {d} away. Of the MNIST test digits this network reads right, only {share} are farther than {t} from their code.',
    'zh-CN': '没有把握：最近的编码也有 {d} 远。这个网络读对的 MNIST 测试数字里，只有 {share} 离自己的编码超过 {t}。',
  },
  adviceUnsureModern: {
    en: 'Not sure: its top probability is {p}. Of the MNIST test digits this network reads right, only {share} get less than {t}.',
    'zh-CN': '没有把握：最高的概率只有 {p}。这个网络读对的 MNIST 测试数字里，只有 {share} 低于 {t}。',
  },
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
  legendNeg: { en: 'negative', 'zh-CN': '负' },
  legendPos: { en: 'positive', 'zh-CN': '正' },
} satisfies Words;

export function say(key: keyof typeof words, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
