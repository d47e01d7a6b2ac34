/**
 * <lenet-training>: the page side of the Training chapter's widget. It reads the controls,
 * talks to the worker (worker.ts) that trains with the engine, and draws what comes back:
 * progress, the two curves, the confusion matrix and the misclassified digits. It also holds
 * the current model's weights file for download, import and the Playground.
 */
import { Model, VARIANTS, WeightsError, decodeWeights, loadWeights, softmax, type VariantName } from '../../../engine/index.ts';
import type { Lang } from '../../i18n.ts';
import { commandArguments, commandOf, defaultRate, formatSeconds, pace, parseSettings, type Evaluated, type FromWorker, type Settings, type ToWorker } from './model.ts';
import { saveHandoff } from './handoff.ts';
import { paintGrey, paintPlane } from '../../lib/draw.ts';
import { paintComparison } from '../rbf/compare.ts';
import { say, type WordKey } from './words.ts';
import type { Curve } from './charts.ts';

/** 'testing': the final evaluation on the whole test set, after the last sample or a Stop. */
type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'testing' | 'ended';

const FIELDS: (keyof Settings)[] = ['variant', 'trainSize', 'passes', 'optimizer', 'rate', 'schedule', 'batchSize', 'seed'];

const percent = (a: number, lang: Lang): string => `${(100 * a).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

class LenetTraining extends HTMLElement {
  private locale: Lang = 'en';
  private worker: Worker | undefined;
  private phase: Phase = 'idle';
  private settings: Settings | undefined;
  private lossCurve: Curve | undefined;
  private accCurve: Curve | undefined;
  private lastDraw = 0;
  private drawPending = false;
  private lastProgress: Extract<FromWorker, { type: 'progress' }> | undefined;
  private lastAccuracy = Number.NaN;
  /** The latest look inside the network from the worker, and whether it has been drawn. */
  private snapshot: Extract<FromWorker, { type: 'snapshot' }> | undefined;
  private snapshotDrawn = true;
  private snapshotsDrawn = 0;
  /** The model the download and Playground buttons use: trained here or imported. */
  private current: { bytes: Uint8Array; variant: string; what: string; accuracy: number } | undefined;

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    const on = (name: string, f: () => void): void => this.q(`[data-action="${name}"]`).addEventListener('click', f);
    on('start', () => this.start());
    on('pause', () => this.send({ type: 'pause' }));
    on('resume', () => { this.send({ type: 'resume' }); this.setPhase('running'); });
    on('stop', () => { this.send({ type: 'stop' }); this.setPhase('testing'); });
    on('reset', () => this.reset());
    on('copy', () => void this.copyCommand());
    on('retry', () => this.start());
    on('export', () => this.download());
    on('playground', () => this.toPlayground());
    this.q<HTMLInputElement>('[data-import]').addEventListener('change', (e) => void this.importFile(e.target as HTMLInputElement));
    this.field('variant').addEventListener('change', () => this.rateToDefault());
    this.field('optimizer').addEventListener('change', () => this.rateToDefault());
    for (const f of FIELDS) this.field(f).addEventListener('input', () => this.showCommand());
    new MutationObserver(() => { this.lossCurve?.recolour(); this.accCurve?.recolour(); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.showCommand();
    this.setPhase('idle');
  }

  private q<T extends HTMLElement = HTMLElement>(sel: string): T {
    return this.querySelector<T>(sel)!;
  }

  private field(name: keyof Settings): HTMLInputElement | HTMLSelectElement {
    return this.q<HTMLInputElement>(`[name="${name}"]`);
  }

  private say(key: WordKey, vars: Record<string, string | number> = {}): string {
    return say(key, this.locale, vars);
  }

  /** 'Faithful 1998' / 'Modern' in the page's language. */
  private variantName(variant: string): string {
    return this.say(variant === 'faithful' ? 'faithful' : 'modern');
  }

  private n(x: number): string {
    return Math.round(x).toLocaleString('en-US');
  }

  /** A new network or optimiser starts from its own learning rate (model.ts, SHORT_RUN_RATE). */
  private rateToDefault(): void {
    const variant = this.field('variant').value === 'faithful' ? 'faithful' : 'modern';
    const optimizer = this.field('optimizer').value === 'sdlm' ? 'sdlm' : 'sgd';
    this.field('rate').value = String(defaultRate(variant, optimizer));
    this.showCommand();
  }

  private readSettings(): Settings | null {
    const raw = Object.fromEntries(FIELDS.map((f) => [f, this.field(f).value])) as Record<keyof Settings, string>;
    const parsed = parseSettings(raw);
    const error = this.q('[data-settings-error]');
    for (const f of FIELDS) this.field(f).removeAttribute('aria-invalid');
    if (parsed.ok) {
      error.hidden = true;
      error.textContent = '';
      return parsed.settings;
    }
    const e = parsed.error;
    const label = this.q(`label[for="${this.field(e.field).id}"]`).textContent ?? e.field;
    error.textContent = e.key === 'positive' ? this.say('settingRate', { max: e.max ?? 10 }) : this.say('settingWhole', { field: label, min: e.min ?? 1, max: e.max ?? 1 });
    error.hidden = false;
    this.field(e.field).setAttribute('aria-invalid', 'true');
    return null;
  }

  private showCommand(): void {
    const raw = Object.fromEntries(FIELDS.map((f) => [f, this.field(f).value])) as Record<keyof Settings, string>;
    const p = parseSettings(raw);
    const code = this.q('[data-command]');
    if (!p.ok) return;
    code.replaceChildren(...commandArguments(commandOf(p.settings)).flatMap((a, i) => {
      const piece = document.createElement('span');
      piece.className = 'arg';
      piece.textContent = a;
      return i ? [' ', piece] : [piece];
    }));
    this.q('[data-copied]').textContent = '';
  }

  /** Copies the command exactly as shown; where the browser refuses, selects it for Ctrl+C. */
  private async copyCommand(): Promise<void> {
    const code = this.q('[data-command]');
    const said = this.q('[data-copied]');
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      said.textContent = this.say('copied');
    } catch {
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      said.textContent = this.say('copySelected');
    }
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
      this.worker.onerror = (e) => this.status(e.message || 'worker error', 'error');
    }
    return this.worker;
  }

  private send(m: ToWorker): void {
    this.ensureWorker().postMessage(m);
  }

  private async start(): Promise<void> {
    const settings = this.readSettings();
    if (!settings) return;
    this.settings = settings;
    this.clearRun();
    this.setPhase('loading');
    this.status(this.say('loading', { loaded: '0.0', total: '…' }));
    this.q('[data-charts]').hidden = false;
    // The insides view is laid out now, with the charts, not in the middle of the run.
    this.q('[data-learning]').hidden = false;
    this.q('[data-probe-faithful]').hidden = settings.variant !== 'faithful';
    this.q('[data-probe-modern]').hidden = settings.variant === 'faithful';
    const probe = this.q('[data-probe-pixels]');
    paintGrey(this.q<HTMLCanvasElement>('[data-probe-thumb]'), Uint8Array.from(atob(probe.dataset.probePixels ?? ''), (c) => c.charCodeAt(0)), 28, 28);
    const charts = await import('./charts.ts');
    if (!this.lossCurve) {
      const x = this.say('samples');
      this.lossCurve = new charts.Curve(this.q('[data-chart="loss"]'), x, this.say('loss'), { min: 0 });
      this.accCurve = new charts.Curve(this.q('[data-chart="accuracy"]'), x, this.say('accuracy'), { min: 0, max: 100 });
    }
    const total = settings.trainSize * settings.passes;
    this.q('[data-your="trainSize"]').textContent = this.n(settings.trainSize);
    this.q('[data-your="passes"]').textContent = String(settings.passes);
    this.lossCurve.setXMax(total);
    this.accCurve!.setXMax(total);
    this.send({ type: 'start', settings, base: this.dataset.base ?? '/' });
  }

  private reset(): void {
    this.send({ type: 'reset' });
    this.clearRun();
    this.setPhase('idle');
    this.status(this.say('idle'));
  }

  private clearRun(): void {
    this.snapshot = undefined;
    this.snapshotDrawn = true;
    this.q('[data-learning]').hidden = true;
    this.lossCurve?.clear();
    this.accCurve?.clear();
    this.lastProgress = undefined;
    this.lastAccuracy = Number.NaN;
    this.q('[data-results]').hidden = true;
    this.q<HTMLProgressElement>('progress').value = 0;
    this.q('[data-retry]').hidden = true;
    this.q('[data-accuracy]').textContent = '–';
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    this.dataset.phase = phase;
    const enable: Record<string, Phase[]> = {
      start: ['idle', 'ended'], pause: ['running'], resume: ['paused'], stop: ['running', 'paused'], reset: ['loading', 'running', 'paused', 'testing', 'ended'],
    };
    for (const [name, phases] of Object.entries(enable)) this.q<HTMLButtonElement>(`[data-action="${name}"]`).disabled = !phases.includes(phase);
    const busy = phase === 'loading' || phase === 'running' || phase === 'paused' || phase === 'testing';
    for (const f of FIELDS) this.field(f).disabled = busy;
    this.q<HTMLButtonElement>('[data-action="export"]').disabled = !this.current;
    this.q<HTMLButtonElement>('[data-action="playground"]').disabled = !this.current;
  }

  private status(text: string, kind: 'info' | 'error' = 'info'): void {
    const s = this.q('[data-status]');
    s.textContent = text;
    s.classList.toggle('error', kind === 'error');
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'loading':
        this.status(this.say('loading', { loaded: (m.loaded / 1e6).toFixed(1), total: (m.total / 1e6).toFixed(1) }));
        this.q<HTMLProgressElement>('progress').value = m.total ? m.loaded / m.total : 0;
        break;
      case 'load-failed':
        this.setPhase('idle');
        this.status(this.say('loadFailed', { why: m.message }), 'error');
        this.q('[data-retry]').hidden = false;
        break;
      case 'progress':
        if (this.phase === 'loading') this.setPhase('running');
        this.lastProgress = m;
        this.lossCurve?.addPoint(m.done, m.loss);
        this.schedule();
        break;
      case 'accuracy':
        if (this.phase === 'loading') this.setPhase('running');
        this.lastAccuracy = m.accuracy;
        this.accCurve?.addPoint(m.done, 100 * m.accuracy);
        this.q('[data-accuracy]').textContent = percent(m.accuracy, this.locale);
        this.schedule();
        break;
      case 'snapshot':
        this.snapshot = m;
        this.snapshotDrawn = false;
        this.schedule();
        break;
      case 'evaluating':
        // Only the final test is a phase of its own. A pause's test reports while paused; its
        // last reports can still arrive after a Resume, and must not take the running run over.
        if (m.final) {
          if (this.phase !== 'testing') this.setPhase('testing');
        } else if (this.phase !== 'paused') break;
        this.status(this.say('evaluating', { done: this.n(m.done) }));
        break;
      case 'evaluated':
        this.showResults(m.done, m.result);
        if (this.phase === 'paused') this.status(this.say('paused', { done: this.n(m.done), total: this.n(this.total()) }));
        break;
      case 'paused':
        this.setPhase('paused');
        this.status(this.say('paused', { done: this.n(this.lastProgress?.done ?? 0), total: this.n(this.total()) }));
        break;
      case 'finished': {
        const bytes = new Uint8Array(m.weights);
        const done = this.lastProgress?.done ?? 0;
        this.current = { bytes, variant: m.variant, what: this.say('trained', { variant: this.variantName(m.variant), samples: this.n(done) }), accuracy: this.lastAccuracy };
        this.q('[data-current]').textContent = this.say('current', { what: this.current.what });
        this.setPhase('ended');
        this.flush();
        const vars = { done: this.n(done), time: formatSeconds((this.lastProgress?.trainMs ?? 0) / 1000), acc: percent(this.lastAccuracy, this.locale) };
        this.status(this.say(m.reason === 'done' ? 'done' : 'stopped', vars));
        break;
      }
      case 'diverged':
        this.setPhase('ended');
        this.flush();
        this.status(m.cause === 'blowup'
          ? this.say('blewUp', { pass: m.pass, rate: String(this.settings?.rate ?? m.rate), from: (m.from ?? 0).toFixed(2), to: (m.to ?? 0).toFixed(2),
            orSgd: this.settings?.optimizer === 'sdlm' ? this.say('orSgd') : '' })
          : this.say('diverged', { pass: m.pass, sample: this.n(m.sample), rate: String(this.settings?.rate ?? m.rate),
            orSgd: this.settings?.optimizer === 'sdlm' ? this.say('orSgd') : '' }), 'error');
        break;
      case 'reset':
        break;
      case 'error':
        this.status(m.message, 'error');
        break;
    }
  }

  private total(): number {
    return this.settings ? this.settings.trainSize * this.settings.passes : 0;
  }

  /** Draws at most four times a second, so the page's main thread stays free. */
  private schedule(): void {
    if (this.drawPending) return;
    const wait = Math.max(0, 250 - (performance.now() - this.lastDraw));
    this.drawPending = true;
    setTimeout(() => { this.drawPending = false; this.flush(); }, wait);
  }

  private flush(): void {
    this.lastDraw = performance.now();
    this.lossCurve?.draw();
    this.accCurve?.draw();
    // A task of its own, so that the curves and the network's insides never add up to a long task.
    setTimeout(() => this.drawSnapshot(), 0);
    const p = this.lastProgress;
    if (!p) return;
    // The bar follows every sample trained, in any phase, so it ends where the run ended (100 %
    // after the last sample) and what a screen reader reads is current.
    this.q<HTMLProgressElement>('progress').value = p.done / p.total;
    if (this.phase !== 'running') return;
    const speed = pace(p.done, p.total, p.trainMs);
    this.status(this.say('running', {
      pass: p.pass, passes: p.passes, done: this.n(p.done), total: this.n(p.total),
      rate: speed ? this.n(speed.perSecond) : '–', left: speed ? formatSeconds(speed.secondsLeft) : '–',
    }));
  }

  /**
   * Watching it learn: C1's six kernels on one shared scale, and the probe digit's F6 beside the
   * code of its right answer (faithful) or its ten softmax probabilities (modern).
   */
  private drawSnapshot(): void {
    const s = this.snapshot;
    if (!s || this.snapshotDrawn) return;
    this.snapshotDrawn = true;
    const view = this.q('[data-learning]');
    this.q('[data-learning-when]').textContent = this.say('learningWhen', { done: this.n(s.done) });
    let limit = 0;
    for (const w of s.kernels) limit = Math.max(limit, Math.abs(w));
    this.querySelectorAll<HTMLCanvasElement>('canvas[data-kernel]').forEach((c, m) => paintPlane(c, s.kernels, m * 25, 5, 5, limit || 1));
    const faithful = s.variant === 'faithful';
    this.q('[data-probe-faithful]').hidden = !faithful;
    this.q('[data-probe-modern]').hidden = faithful;
    if (faithful) {
      paintComparison(this.q('[data-probe-faithful] [data-f6-compare]'), s.f6, this.locale, s.label, s.output);
    } else {
      const p = softmax(s.output);
      this.querySelectorAll<HTMLElement>('[data-probs] li').forEach((li, d) => {
        li.querySelector<HTMLElement>('.bar')!.style.width = `${(100 * p[d]).toFixed(1)}%`;
        li.querySelector('.value')!.textContent = percent(p[d], this.locale);
      });
      // The ten outputs before the softmax: they keep moving after the percentages have settled
      // at 100.0 and 0.0 (what the browser tests compare, as they do data-kernels below).
      this.q('[data-probs]').dataset.outputs = s.output.map((v) => v.toFixed(4)).join(' ');
    }
    view.dataset.done = String(s.done);
    view.dataset.drawn = String(++this.snapshotsDrawn);
    view.dataset.kernels = s.kernels.map((w) => w.toFixed(5)).join(' ');
  }

  private showResults(done: number, r: Evaluated): void {
    this.lastAccuracy = r.accuracy;
    this.q('[data-accuracy]').textContent = percent(r.accuracy, this.locale);
    this.q('[data-results]').hidden = false;
    this.q('[data-confusion-caption]').textContent = this.say('confusion', { done: this.n(done) });
    const rows = r.confusion;
    const table = this.q('[data-confusion] tbody');
    table.replaceChildren(...rows.map((row, t) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = String(t);
      tr.append(th);
      const sum = row.reduce((a, b) => a + b, 0) || 1;
      row.forEach((count, p) => {
        const td = document.createElement('td');
        td.textContent = String(count);
        const share = count / sum;
        td.style.setProperty('--share', String(t === p ? share : Math.min(1, share * 8)));
        td.className = t === p ? 'hit' : count > 0 ? 'miss' : '';
        tr.append(td);
      });
      return tr;
    }));
    const gallery = this.q('[data-gallery]');
    this.q('[data-gallery-caption]').textContent = this.say('gallery', { n: r.misclassified.length });
    gallery.replaceChildren(...r.misclassified.map((d) => {
      const fig = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', this.say('wrong', { index: d.index, label: d.label, predicted: d.predicted }));
      paintGrey(canvas, d.pixels, 28, 28);
      const cap = document.createElement('figcaption');
      cap.textContent = this.say('saidAs', { label: d.label, predicted: d.predicted });
      fig.append(canvas, cap);
      return fig;
    }));
  }

  private download(): void {
    if (!this.current) return;
    const blob = new Blob([this.current.bytes as BlobPart], { type: 'application/octet-stream' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `lenet5-${this.current.variant}.bin`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const out = this.q('[data-import-status]');
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const decoded = decodeWeights(bytes, file.name);
      const variant = VARIANTS[decoded.variant as VariantName];
      if (!variant) throw new WeightsError('mismatch', `${file.name}: variant "${decoded.variant}" is not one of this site's networks`);
      const model = new Model(variant.spec(), 1);
      loadWeights(model, bytes, file.name);
      this.current = { bytes, variant: variant.name, what: this.say('imported', { file: file.name, variant: this.variantName(variant.name) }), accuracy: Number.NaN };
      out.textContent = this.say('importOk', { file: file.name, variant: this.variantName(variant.name), params: this.n(model.paramCount) });
      out.classList.remove('error');
      this.q('[data-current]').textContent = this.say('current', { what: this.current.what });
      this.setPhase(this.phase);
    } catch (err) {
      const reason = err instanceof WeightsError ? err.reason : 'other';
      const key = ({ foreign: 'reasonForeign', truncated: 'reasonTruncated', corrupt: 'reasonCorrupt', version: 'reasonVersion', mismatch: 'reasonMismatch', other: 'reasonOther' } as const)[reason];
      out.textContent = this.say('importFailed', { why: this.say(key, { why: (err as Error).message }) });
      out.classList.add('error');
    }
  }

  private toPlayground(): void {
    if (!this.current) return;
    const acc = Number.isFinite(this.current.accuracy) ? `, ${percent(this.current.accuracy, this.locale)}` : '';
    saveHandoff({ bytes: this.current.bytes, label: `${this.current.what}${acc}` });
    this.q('[data-sent]').hidden = false;
  }
}

if (!customElements.get('lenet-training')) customElements.define('lenet-training', LenetTraining);
