/** The notebook cells' interface words (code cells and run cells), in both languages of the site. */
import { fill, type Lang } from '../../i18n.ts';

type Words = Record<string, Record<Lang, string>>;

export const words = {
  // Code cells
  lines: { en: 'engine/{file}, lines {first}–{last}', 'zh-CN': 'engine/{file}，第 {first}–{last} 行' },
  notice: { en: 'What to notice:', 'zh-CN': '注意看：' },
  // Run cells
  code: { en: 'Code of this cell (JavaScript, runs in a Web Worker)', 'zh-CN': '本单元的代码（JavaScript，在 Web Worker 中运行）' },
  run: { en: 'Run', 'zh-CN': '运行' },
  runHint: { en: 'Run: Ctrl+Enter or ⌘+Enter in the code', 'zh-CN': '运行：在代码中按 Ctrl+Enter 或 ⌘+Enter' },
  reset: { en: 'Reset', 'zh-CN': '重置' },
  resetHint: { en: 'Put back the cell’s original code', 'zh-CN': '恢复本单元原来的代码' },
  output: { en: 'Output', 'zh-CN': '输出' },
  running: { en: 'Running…', 'zh-CN': '正在运行……' },
  fetching: { en: 'Downloading data from this site…', 'zh-CN': '正在从本站下载数据……' },
  done: { en: 'Done in {time}.', 'zh-CN': '运行完毕，用时 {time}。' },
  doneOutput: { en: 'Done in {time}: 1 output.', 'zh-CN': '运行完毕，用时 {time}，共 1 项输出。' },
  doneOutputs: { en: 'Done in {time}: {n} outputs.', 'zh-CN': '运行完毕，用时 {time}，共 {n} 项输出。' },
  timeout: {
    en: 'Stopped: the code ran longer than {seconds} seconds (an endless loop?). Its worker was ended and a fresh one is ready: edit the code and run it again.',
    'zh-CN': '已停止：代码运行超过 {seconds} 秒（是不是死循环？）。它所在的 Worker 已被终止，新的 Worker 已就绪：修改代码后再运行即可。',
  },
  syntaxError: { en: 'Syntax error on line {line}: {message}', 'zh-CN': '第 {line} 行有语法错误：{message}' },
  unfinished: {
    en: 'Syntax error: the code ends before a bracket, brace, string or comment is closed (JavaScript says: {message})',
    'zh-CN': '语法错误：代码结束时还有括号、花括号、字符串或注释没有闭合（JavaScript 的提示：{message}）',
  },
  thrown: { en: 'Error on line {line}: {message}', 'zh-CN': '第 {line} 行出错：{message}' },
  thrownNoLine: { en: 'Error: {message}', 'zh-CN': '出错：{message}' },
  map: { en: 'map {n}', 'zh-CN': '特征图 {n}' },
  imageCaption: {
    en: '{label}: {count} feature maps of {h}×{w}, numbered from 0; blue negative, red positive, scale ±{limit}',
    'zh-CN': '{label}：{count} 张 {h}×{w} 的特征图，从 0 开始编号；蓝为负，红为正，色标 ±{limit}',
  },
  matrixCaption: { en: '{label}: {h}×{w}; blue negative, red positive, scale ±{limit}', 'zh-CN': '{label}：{h}×{w}；蓝为负，红为正，色标 ±{limit}' },
  seconds: { en: '{s} s', 'zh-CN': '{s} 秒' },
  milliseconds: { en: '{ms} ms', 'zh-CN': '{ms} 毫秒' },
} satisfies Words;

export function say(key: keyof typeof words, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
