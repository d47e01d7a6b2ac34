/** The network diagram's words, in both languages of the site. */
import { fill, type Lang } from '../../i18n.ts';

const words = {
  caption: {
    en: 'LeNet-5 drawn from the engine’s analysis: each stack is a layer’s feature maps (at most {max} drawn, the label gives the true number), its side growing with the maps’ side; a column is a layer of single units. Arrows name the operation between layers.',
    'zh-CN': '根据引擎的分析结果画出的 LeNet-5：每一叠方块是一层的特征图（最多画 {max} 张，标签给出实际数量），方块边长随特征图边长增大；竖条表示由单个单元组成的层。箭头上写着层与层之间的运算。',
  },
  list: { en: 'The layers of LeNet-5, from input to output', 'zh-CN': 'LeNet-5 的各层，从输入到输出' },
  conv: { en: '{size}×{size} conv', 'zh-CN': '{size}×{size} 卷积' },
  subsample: { en: '{size}×{size} subsample', 'zh-CN': '{size}×{size} 下采样' },
  full: { en: 'full', 'zh-CN': '全连接' },
  rbf: { en: 'RBF', 'zh-CN': 'RBF' },
  units: { en: '{n} units', 'zh-CN': '{n} 个单元' },
} as const satisfies Record<string, Record<Lang, string>>;

export function say(key: keyof typeof words, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
