/**
 * <lenet-run-cell>: an editable snippet, Run (or Ctrl/⌘+Enter) and Reset, and the output. The code
 * runs in a Web Worker of the cell's own (worker.ts). The page keeps a stopwatch of the run's
 * compute time (downloads excluded); past RUN_LIMIT_MS it ends the worker — the only way to stop
 * an endless loop — and starts a fresh one for the next run, so the page never hangs.
 */
import { decodeDigits } from '../../lib/digits.ts';
import { paintPlane } from '../../lib/draw.ts';
import { RUN_LIMIT_MS, formatNumber, type CellDigits, type FromCellWorker, type OutputItem, type ToCellWorker } from './model.ts';
import { say } from './words.ts';
import type { Lang } from '../../i18n.ts';

/** On-screen size of one unit of an image, so that 28×28 and 14×14 maps are 84 px wide and a 5×5 one 60 px. */
const pixelSize = (h: number, w: number): number => Math.max(2, Math.min(12, Math.floor(96 / Math.max(h, w))));

class RunCell extends HTMLElement {
  private locale: Lang = 'en';
  private digits: CellDigits | undefined;
  private worker: Worker | undefined;
  private textarea!: HTMLTextAreaElement;
  private gutter!: HTMLElement;
  private status!: HTMLElement;
  private output!: HTMLElement;
  private runId = 0;
  private running = false;
  /** Downloads in flight for the current run: the stopwatch stands still while there are any. */
  private downloads = 0;
  private items = 0;
  /** Compute time used by the current run before its latest pause for a download, and when it last resumed. */
  private usedMs = 0;
  private resumedAt = 0;
  private startedAt = 0;
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    const pages = decodeDigits(this.dataset.pixels ?? '', JSON.parse(this.dataset.meta ?? '[]'));
    const pixels = new Uint8Array(pages.length * 784);
    pages.forEach((d, i) => pixels.set(d.pixels, i * 784));
    this.digits = { count: pages.length, rows: 28, cols: 28, pixels, labels: Uint8Array.from(pages.map((d) => d.label)) };
    this.textarea = this.querySelector('textarea')!;
    this.gutter = this.querySelector('.gutter')!;
    this.status = this.querySelector('.status')!;
    this.output = this.querySelector('.output')!;
    this.textarea.addEventListener('input', () => this.layout());
    this.textarea.addEventListener('scroll', () => { this.gutter.scrollTop = this.textarea.scrollTop; });
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.run();
      }
    });
    this.querySelector('[data-run]')!.addEventListener('click', () => this.run());
    this.querySelector('[data-reset]')!.addEventListener('click', () => {
      this.textarea.value = this.textarea.defaultValue;
      this.layout();
      this.textarea.focus();
    });
    this.layout();
  }

  /** Line numbers beside the code (the line of an error marked), and a textarea as tall as its code. */
  private layout(errorLine: number | null = null): void {
    const lines = this.textarea.value.split('\n').length;
    this.gutter.replaceChildren(...Array.from({ length: lines }, (_, i) => {
      const n = document.createElement('span');
      n.textContent = String(i + 1);
      if (i + 1 === errorLine) n.className = 'error-line';
      return n;
    }));
    this.textarea.rows = Math.max(3, lines);
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromCellWorker>) => this.receive(e.data);
      this.worker.postMessage({ type: 'init', digits: this.digits! } satisfies ToCellWorker);
    }
    return this.worker;
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    this.runId++;
    this.items = 0;
    this.output.replaceChildren();
    this.layout();
    // Run stays enabled (a disabled button would drop the keyboard focus); a press during a run is ignored.
    this.setAttribute('aria-busy', 'true');
    this.status.textContent = say('running', this.locale);
    this.status.classList.remove('sr-only');
    this.usedMs = 0;
    this.downloads = 0;
    this.startedAt = performance.now();
    this.ensureWorker().postMessage({ type: 'run', id: this.runId, code: this.textarea.value } satisfies ToCellWorker);
    this.resume();
  }

  private resume(): void {
    this.resumedAt = performance.now();
    this.watchdog = setTimeout(() => this.stop(), RUN_LIMIT_MS - this.usedMs);
  }

  private pause(): void {
    clearTimeout(this.watchdog);
    this.usedMs += performance.now() - this.resumedAt;
  }

  /** The run took too long: end its worker (a fresh one starts with the next run). */
  private stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
    const message = say('timeout', this.locale, { seconds: RUN_LIMIT_MS / 1000 });
    this.addOutput(this.errorBox(message));
    this.finish(message, true);
  }

  /** Ends a run. An error's message is in the output already: the status then only speaks it to screen readers. */
  private finish(message: string, failed = false): void {
    clearTimeout(this.watchdog);
    this.running = false;
    this.removeAttribute('aria-busy');
    this.status.textContent = message;
    this.status.classList.toggle('sr-only', failed);
  }

  private receive(m: FromCellWorker): void {
    if (m.id !== this.runId || !this.running) return;
    if (m.type === 'fetching') {
      if (m.busy) {
        if (this.downloads++ === 0) this.pause();
        this.status.textContent = say('fetching', this.locale);
      } else if (--this.downloads === 0) {
        this.status.textContent = say('running', this.locale);
        this.resume();
      }
    } else if (m.type === 'out') {
      this.render(m.item);
    } else {
      const ms = performance.now() - this.startedAt;
      const time = ms < 1000 ? say('milliseconds', this.locale, { ms: Math.round(ms) }) : say('seconds', this.locale, { s: (ms / 1000).toFixed(1) });
      const error = this.output.querySelector('.out-error')?.textContent;
      const done = this.items === 0 ? 'done' : this.items === 1 ? 'doneOutput' : 'doneOutputs';
      if (!m.ok && error) this.finish(error, true);
      else this.finish(say(done, this.locale, { time, n: this.items }));
    }
  }

  private addOutput(node: HTMLElement): void {
    this.items++;
    this.output.append(node);
  }

  private errorBox(message: string): HTMLElement {
    const p = document.createElement('p');
    p.className = 'out-error';
    p.textContent = message;
    return p;
  }

  private render(item: OutputItem): void {
    const lang = this.locale;
    if (item.kind === 'error') {
      const message = item.syntax
        ? say(item.unfinished ? 'unfinished' : 'syntaxError', lang, { line: item.line ?? '?', message: item.message })
        : say(item.line === null ? 'thrownNoLine' : 'thrown', lang, { line: item.line ?? '', message: item.message });
      this.addOutput(this.errorBox(message));
      if (item.line !== null && !item.unfinished) this.layout(item.line);
      return;
    }
    if (item.kind === 'text') {
      const last = this.output.lastElementChild;
      if (item.log && last?.classList.contains('log')) {
        last.textContent += `\n${item.text}`;
        return;
      }
      const pre = document.createElement('pre');
      pre.className = item.log ? 'out-text log' : 'out-text';
      pre.textContent = item.label === undefined ? item.text : `${item.label}: ${item.text}`;
      this.addOutput(pre);
      return;
    }
    if (item.kind === 'table') {
      const table = document.createElement('table');
      if (item.label) table.createCaption().textContent = item.label;
      const head = table.createTHead().insertRow();
      item.columns.forEach((c, i) => {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = c;
        if (item.numeric[i]) th.className = 'num';
        head.append(th);
      });
      const body = table.createTBody();
      for (const row of item.rows) {
        const tr = body.insertRow();
        row.forEach((cell, i) => {
          const td = tr.insertCell();
          td.textContent = cell;
          if (item.numeric[i]) td.className = 'num';
        });
      }
      if (item.more > 0) {
        const td = body.insertRow().insertCell();
        td.colSpan = item.columns.length;
        td.textContent = `… ${formatNumber(item.more)}`;
      }
      const wrap = document.createElement('div');
      wrap.className = 'out-table';
      wrap.append(table);
      this.addOutput(wrap);
      return;
    }
    const { height: h, width: w, count, label = say('output', lang) } = item;
    const figure = document.createElement('figure');
    figure.className = 'out-images';
    const row = document.createElement('div');
    row.className = 'planes';
    const size = pixelSize(h, w);
    for (let n = 0; n < count; n++) {
      const cell = document.createElement('div');
      cell.className = 'plane';
      const canvas = document.createElement('canvas');
      paintPlane(canvas, item.values, n * h * w, h, w, item.limit);
      canvas.style.width = `${w * size}px`;
      canvas.style.height = `${h * size}px`;
      canvas.setAttribute('role', 'img');
      const name = item.maps ? `${label} ${say('map', lang, { n })}` : label;
      canvas.setAttribute('aria-label', name);
      cell.append(canvas);
      if (item.maps) {
        const caption = document.createElement('span');
        caption.textContent = String(n);
        caption.setAttribute('aria-hidden', 'true');
        cell.append(caption);
      }
      row.append(cell);
    }
    const caption = document.createElement('figcaption');
    const limit = formatNumber(item.limit);
    caption.textContent = item.maps
      ? say('imageCaption', lang, { label, count, h, w, limit })
      : say('matrixCaption', lang, { label, h, w, limit });
    figure.append(row, caption);
    this.addOutput(figure);
  }
}

customElements.define('lenet-run-cell', RunCell);
