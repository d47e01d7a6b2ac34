/** The C5 growth widget's interface words. */
export const words = {
  inputSize: { en: 'Input size', 'zh-CN': '输入尺寸' },
  paper: { en: 'Paper’s values', 'zh-CN': '恢复论文取值' },
  figure: { en: 'LeNet-5 with a larger input', 'zh-CN': '输入变大后的 LeNet-5' },
  s4Map: { en: 'One S4 map', 'zh-CN': '一张 S4 特征图' },
  c5Map: { en: 'One C5 map', 'zh-CN': '一张 C5 特征图' },
  kernelNote: { en: 'outlined: one 5×5 kernel position', 'zh-CN': '方框：卷积核的一个 5×5 位置' },
  c5Shape: { en: 'C5 shape', 'zh-CN': 'C5 形状' },
  params: { en: 'C5 parameters', 'zh-CN': 'C5 参数' },
  connections: { en: 'C5 connections', 'zh-CN': 'C5 连接数' },
  layer: { en: 'Layer', 'zh-CN': '层' },
  shape: { en: 'Output shape', 'zh-CN': '输出形状' },
  input: { en: 'Input', 'zh-CN': '输入' },
  shapes: { en: 'Shapes of every layer, computed by the engine', 'zh-CN': '引擎算出的每一层的形状' },
  stale: {
    en: 'The network cannot be built at this size; the figures show the last size that worked.',
    'zh-CN': '这个尺寸下网络无法搭建；图中显示的是上一个可行尺寸的结果。',
  },
} as const;

export type WordKey = keyof typeof words;
