import { fill, type Lang } from '../../i18n.ts';

type Words = Record<string, Record<Lang, string>>;

export const words = {
  label: { en: 'Reproduce the paper', 'zh-CN': '复现论文' },
  seed: { en: 'Seed', 'zh-CN': '随机种子' },
  seedNote: { en: 'the reference run’s: {seed}', 'zh-CN': '参考运行用的是 {seed}' },
  seedError: { en: 'Seed: a whole number from 0 to {max}', 'zh-CN': '随机种子：请填 0 到 {max} 之间的整数' },
  start: { en: 'Reproduce the paper', 'zh-CN': '复现论文' },
  pause: { en: 'Pause', 'zh-CN': '暂停' },
  resume: { en: 'Resume', 'zh-CN': '继续' },
  stop: { en: 'Stop', 'zh-CN': '停止' },
  resumeFrom: { en: 'Resume from pass {pass}', 'zh-CN': '从第 {pass} 轮之后继续' },
  discard: { en: 'Discard the saved run', 'zh-CN': '丢弃保存的运行' },
  plan: {
    en: 'One click trains the faithful network for {passes} passes over {size} training digits and tests it on all 10,000 test digits after each pass, exactly as the command below does. It first downloads {mb} MB: the training and test digits, compressed.',
    'zh-CN': '点一下，页面就用 {size} 个训练数字把忠实版网络训练 {passes} 轮，每轮结束后在全部 10,000 个测试数字上测一次，和下面的命令完全一样。开始前要先下载 {mb} MB：压缩后的训练集和测试集。',
  },
  planTime: {
    en: 'How long it takes depends on this device: the page measures its speed during the first seconds of the run and then tells you. On the command line the reference run took {minutes} min on a shared 2-core machine.',
    'zh-CN': '需要多久取决于这台设备：页面会在运行的最初几秒里测出速度，然后告诉你。命令行上的参考运行在一台共享的双核机器上用了 {minutes} 分钟。',
  },
  planSave: {
    en: 'After every pass the run is saved in this browser: a reload or a closed tab loses at most the pass in progress.',
    'zh-CN': '每轮结束后，运行状态都会保存在本浏览器中：刷新页面或关掉标签页，最多损失正在进行的那一轮。',
  },
  shortened: {
    en: 'Shortened for testing by the page address: {passes} passes over the first {size} digits.',
    'zh-CN': '页面地址要求缩短运行（仅供测试）：只用前 {size} 个数字训练 {passes} 轮。',
  },
  idle: { en: 'Not started. Nothing has been downloaded yet.', 'zh-CN': '尚未开始，还没有下载任何数据。' },
  notRunning: { en: 'Not running: resume the saved run, or discard it to start afresh.', 'zh-CN': '没有在运行：可以继续保存的运行，或者丢弃它重新开始。' },
  saved: {
    en: 'A run with seed {seed} is saved in this browser after pass {pass} of {passes} (test error {error}).',
    'zh-CN': '本浏览器中保存着一次运行：种子 {seed}，已完成 {passes} 轮中的 {pass} 轮（测试错误率 {error}）。',
  },
  savedDone: {
    en: 'A finished run with seed {seed} is saved in this browser: {passes} passes, test error {error}.',
    'zh-CN': '本浏览器中保存着一次已完成的运行：种子 {seed}，{passes} 轮，测试错误率 {error}。',
  },
  savedBad: {
    en: 'A run saved in this browser could not be used and was discarded: {why}',
    'zh-CN': '本浏览器中保存的运行无法使用，已丢弃：{why}',
  },
  'why-not-a-run': { en: 'it is not a saved run.', 'zh-CN': '它不是保存的运行。' },
  'why-damaged': { en: 'its weights file is damaged.', 'zh-CN': '它的权重文件已损坏。' },
  'why-other-recipe': { en: 'its settings are not this recipe’s.', 'zh-CN': '它的设置不是这套配方。' },
  'why-history': { en: 'its pass-by-pass record is incomplete.', 'zh-CN': '它的逐轮记录不完整。' },
  noStorage: {
    en: 'This browser does not let the page keep anything (private browsing?): the run works, but a reload or a closed tab loses it.',
    'zh-CN': '本浏览器不允许页面保存数据（也许是隐私模式）：运行照常进行，但刷新或关闭标签页就会丢失。',
  },
  storageFull: {
    en: 'Pass {pass} could not be saved: the browser’s storage is full. The run goes on, but a reload would lose it.',
    'zh-CN': '第 {pass} 轮无法保存：浏览器的存储空间已满。运行会继续，但刷新页面就会丢失。',
  },
  storageFailed: {
    en: 'Pass {pass} could not be saved in this browser. The run goes on, but a reload would lose it.',
    'zh-CN': '第 {pass} 轮无法保存到本浏览器。运行会继续，但刷新页面就会丢失。',
  },
  otherTab: {
    en: 'A reproduction is already running in another tab of this site. One at a time: two would overwrite each other’s saved run. Stop it there or close that tab, then try again.',
    'zh-CN': '本站的另一个标签页里已经有一次复现在运行。一次只能运行一个：两个会互相覆盖保存的状态。请在那边停止它或关掉那个标签页，然后再试。',
  },
  loading: { en: 'Downloading MNIST: {loaded} of {total} MB…', 'zh-CN': '正在下载 MNIST：{loaded} / {total} MB……' },
  loadFailed: {
    en: 'The MNIST files could not be downloaded ({why}). Check the connection and press the button again.',
    'zh-CN': '无法下载 MNIST 文件（{why}）。请检查网络后再按一次按钮。',
  },
  measuring: {
    en: 'Pass {pass} of {passes}: {seen} of {size} digits · measuring this device’s speed…',
    'zh-CN': '第 {pass}/{passes} 轮：{seen} / {size} 个数字 · 正在测量这台设备的速度……',
  },
  running: {
    en: 'Pass {pass} of {passes}: {seen} of {size} digits · {speed} samples/s · about {left} left',
    'zh-CN': '第 {pass}/{passes} 轮：{seen} / {size} 个数字 · 每秒 {speed} 个样本 · 还需约 {left}',
  },
  runningNoTests: {
    en: 'Pass {pass} of {passes}: {seen} of {size} digits · {speed} samples/s · about {left} left, plus the tests after each pass (timed after the first)',
    'zh-CN': '第 {pass}/{passes} 轮：{seen} / {size} 个数字 · 每秒 {speed} 个样本 · 训练还需约 {left}，另加每轮之后的测试（第一轮后计时）',
  },
  testing: { en: 'Pass {pass}: testing on the 10,000 test digits ({done})…', 'zh-CN': '第 {pass} 轮：正在用 10,000 个测试数字测试（{done}）……' },
  paused: { en: 'Paused in pass {pass}. Resume goes on from the same sample.', 'zh-CN': '已在第 {pass} 轮暂停。继续时从同一个样本接着训练。' },
  stopped: {
    en: 'Stopped. The run is kept after pass {pass}: resume it later, or download its weights.',
    'zh-CN': '已停止。运行保存在第 {pass} 轮之后：可以以后继续，也可以下载此时的权重。',
  },
  stoppedUnsaved: {
    en: 'Stopped. The run could not be kept in this browser; its weights after pass {pass} can still be downloaded until you leave the page.',
    'zh-CN': '已停止。本浏览器无法保存这次运行；在离开页面之前，仍可下载第 {pass} 轮之后的权重。',
  },
  stoppedEarly: { en: 'Stopped before the first pass ended: nothing was kept.', 'zh-CN': '在第一轮结束前停止：没有保存任何内容。' },
  done: {
    en: 'Done: {passes} passes, test error {error} (the reference run: {ref}; the paper: {paper}); {time} of work in this browser.',
    'zh-CN': '完成：{passes} 轮，测试错误率 {error}（参考运行：{ref}；论文：{paper}）；在本浏览器中计算了 {time}。',
  },
  diverged: {
    en: 'The run diverged in pass {pass} and stopped ({message}). The saved run, if any, is the one before that pass. Try another seed.',
    'zh-CN': '运行在第 {pass} 轮发散并已停止（{message}）。如果有保存的运行，它是这一轮之前的状态。请换一个种子再试。',
  },
  workerError: {
    en: 'The training stopped with an error: {message}. Reload the page to resume from the last saved pass.',
    'zh-CN': '训练因错误而停止：{message}。刷新页面即可从最后保存的一轮继续。',
  },
  announcePass: {
    en: 'Pass {pass} of {passes} done: test error {error}; the reference run had {ref} after pass {pass}.',
    'zh-CN': '第 {pass}/{passes} 轮完成：测试错误率 {error}；参考运行在第 {pass} 轮后为 {ref}。',
  },
  announceEstimate: { en: 'Speed measured on this device: about {left} left.', 'zh-CN': '已测出这台设备的速度：还需约 {left}。' },
  progress: { en: 'Reproduction progress', 'zh-CN': '复现进度' },
  chart: {
    en: 'Test error after each pass: your run, the reference run (seed {seed}) and the paper’s {paper}',
    'zh-CN': '每轮之后的测试错误率：你的运行、参考运行（种子 {seed}）和论文的 {paper}',
  },
  pass: { en: 'pass', 'zh-CN': '轮次' },
  yours: { en: 'your run', 'zh-CN': '你的运行' },
  reference: { en: 'reference run, seed {seed}', 'zh-CN': '参考运行，种子 {seed}' },
  paper: { en: 'the paper: {paper}', 'zh-CN': '论文：{paper}' },
  table: { en: 'The numbers, pass by pass', 'zh-CN': '逐轮数字' },
  tablePass: { en: 'Pass', 'zh-CN': '轮次' },
  tableYours: { en: 'Your run', 'zh-CN': '你的运行' },
  tableReference: { en: 'Reference', 'zh-CN': '参考运行' },
  command: { en: 'The same run on the command line:', 'zh-CN': '命令行上的同一次运行：' },
  download: { en: 'Download the weights', 'zh-CN': '下载权重文件' },
  playground: { en: 'Use these weights in the Playground', 'zh-CN': '在试验场中使用这些权重' },
  fileNote: {
    en: 'The file is the command’s own format and record: npx lenet eval --weights FILE tests it; npx lenet train --resume FILE goes on from it.',
    'zh-CN': '文件的格式和记录与命令写的完全相同：npx lenet eval --weights FILE 可以测试它，npx lenet train --resume FILE 可以从它接着训练。',
  },
  sent: { en: 'Saved in this browser for the Playground: ', 'zh-CN': '已保存在本浏览器中，供试验场使用：' },
  playgroundLink: { en: 'open the Playground', 'zh-CN': '打开试验场' },
  handoffLabel: { en: 'reproduced here, faithful, seed {seed}, {passes} passes, test error {error}', 'zh-CN': '在此复现，忠实版，种子 {seed}，{passes} 轮，测试错误率 {error}' },
  minutes: { en: '{n} min', 'zh-CN': '{n} 分钟' },
  seconds: { en: '{n} s', 'zh-CN': '{n} 秒' },
} satisfies Words;

export type WordKey = keyof typeof words;

export function say(key: WordKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(words[key][lang], vars);
}
