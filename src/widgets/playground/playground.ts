/**
 * <lenet-playground>: draw a digit, see it preprocessed as MNIST was made (engine/preprocess.ts)
 * and classified live by the engine's model, with every layer's activations and the ten
 * outputs as a chart. It says when it will not answer (too small, two pieces side by side) and
 * when it is not sure (model.ts has the rules and where their thresholds come from).
 * Weights: the site's pretrained ones (by default those trained with distortions), or those the
 * Training chapter left in this browser (handoff.ts).
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { Model, SQUASH_A, VARIANTS, decodeWeights, deskew, loadWeights, lossNamed, prepareDigit, preprocessDrawing, softmax, type Trace, type VariantName } from '../../../engine/index.ts';
import { paintGrey, paintPlane } from '../../lib/draw.ts';
import { loadPretrained, pretrainedUrl } from '../../lib/pretrained.ts';
import { loadHandoff } from '../training/handoff.ts';
import type { Lang } from '../../i18n.ts';
import {
  INK_THRESHOLD, PAD, READERS, UNSURE_SHARE, inkPieces, readerFor, strokeWidth, undoStroke, verdict, type Reader, type Stroke, type Verdict,
} from './model.ts';
import { say } from './words.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const css = (el: Element, name: string, fallback: string): string => getComputedStyle(el).getPropertyValue(name).trim() || fallback;

class LenetPlayground extends HTMLElement {
  private locale: Lang = 'en';
  private strokes: Stroke[] = [];
  private drawing: Stroke | null = null;
  /** The pointer drawing the current stroke: a second finger neither starts nor feeds one. */
  private pointer: number | null = null;
  private model: Model | undefined;
  private variant: VariantName = 'faithful';
  private reader: Reader = READERS[0];
  private trace: Trace | undefined;
  private chart: Chart<'bar'> | undefined;
  private pending = false;
  private pad!: HTMLCanvasElement;
  private raster = document.createElement('canvas');

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.pad = this.querySelector<HTMLCanvasElement>('[data-pad]')!;
    this.pad.width = PAD;
    this.pad.height = PAD;
    this.raster.width = PAD;
    this.raster.height = PAD;
    this.pad.addEventListener('pointerdown', (e) => this.down(e));
    this.pad.addEventListener('pointermove', (e) => this.move(e));
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture'] as const) this.pad.addEventListener(type, (e) => this.up(e));
    this.querySelector('[data-clear]')!.addEventListener('click', () => this.clear());
    this.querySelector('[data-undo]')!.addEventListener('click', () => this.undo());
    this.querySelector('[data-deskew]')!.addEventListener('change', () => this.classify());
    this.querySelector('[data-retry]')!.addEventListener('click', () => void this.load());
    const source = this.querySelector<HTMLSelectElement>('[data-source]')!;
    const handoff = loadHandoff();
    if (handoff) {
      const option = document.createElement('option');
      option.value = 'yours';
      option.textContent = say('yours', this.locale, { label: handoff.label });
      source.append(option);
      source.value = 'yours';
    }
    source.addEventListener('change', () => void this.load());
    new MutationObserver(() => this.recolour()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.paintPad();
    // Until the weights arrive: a blank input and the chart's empty axes, never an empty box.
    this.classify();
    void this.load();
  }

  private status(text: string, retry = false): void {
    this.querySelector('[data-status]')!.textContent = text;
    this.querySelector<HTMLElement>('[data-retry]')!.hidden = !retry;
  }

  private async load(): Promise<void> {
    const choice = this.querySelector<HTMLSelectElement>('[data-source]')!.value;
    this.status(say('loading', this.locale));
    try {
      if (choice === 'yours') {
        const handoff = loadHandoff();
        if (!handoff) throw new Error('no weights saved in this browser');
        const file = decodeWeights(handoff.bytes);
        const variant = VARIANTS[file.variant as VariantName];
        if (!variant) throw new Error(`unknown variant ${file.variant}`);
        const model = new Model(variant.spec(), 1);
        loadWeights(model, handoff.bytes);
        this.use(model, readerFor(variant.name));
      } else {
        const reader = READERS.find((r) => r.id === choice) ?? READERS[0];
        this.use(await loadPretrained(reader.variant, pretrainedUrl(reader.variant, reader.file)), reader);
      }
      this.status('');
    } catch (err) {
      this.status(say('failed', this.locale, { why: (err as Error).message }), true);
    }
  }

  private use(model: Model, reader: Reader): void {
    const variant = reader.variant;
    this.model = model;
    this.variant = variant;
    this.reader = reader;
    this.trace = model.newTrace();
    this.dataset.variant = variant;
    this.querySelector('[data-chart-caption]')!.textContent = say(variant === 'faithful' ? 'distances' : 'probabilities', this.locale);
    this.classify();
  }

  private point(e: PointerEvent): { x: number; y: number } {
    const r = this.pad.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || this.drawing) return;
    e.preventDefault();
    this.pointer = e.pointerId;
    // Keep receiving the stroke when the pointer leaves the pad (refused for pointers that are already gone).
    try { this.pad.setPointerCapture(e.pointerId); } catch { /* the stroke still works inside the pad */ }
    this.drawing = [this.point(e)];
    this.strokes.push(this.drawing);
    this.paintPad();
    this.request();
  }

  private move(e: PointerEvent): void {
    if (!this.drawing || e.pointerId !== this.pointer) return;
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const c of events.length ? events : [e]) this.drawing.push(this.point(c));
    this.paintPad();
    this.request();
  }

  private up(e: PointerEvent): void {
    if (!this.drawing || e.pointerId !== this.pointer) return;
    this.drawing = null;
    this.pointer = null;
    this.request();
  }

  private clear(): void {
    this.strokes = [];
    this.drawing = null;
    this.pointer = null;
    this.paintPad();
    this.classify();
  }

  private undo(): void {
    this.strokes = undoStroke(this.strokes);
    this.drawing = null;
    this.pointer = null;
    this.paintPad();
    this.classify();
  }

  private strokeAll(ctx: CanvasRenderingContext2D, width: number, colour: string): void {
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    for (const s of this.strokes) {
      if (s.length === 1) {
        ctx.beginPath();
        ctx.arc(s[0].x, s[0].y, width / 2, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(s[0].x, s[0].y);
      for (const p of s.slice(1)) ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
  }

  private paintPad(): void {
    const ctx = this.pad.getContext('2d')!;
    ctx.clearRect(0, 0, PAD, PAD);
    this.strokeAll(ctx, 16, '#111');
    this.querySelector<HTMLElement>('[data-hint]')!.hidden = this.strokes.length > 0;
    this.querySelector<HTMLButtonElement>('[data-undo]')!.disabled = this.strokes.length === 0;
  }

  /** Classifies at most once per frame while the reader draws. */
  private request(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.classify(); });
  }

  private classify(): void {
    const inputCanvas = this.querySelector<HTMLCanvasElement>('[data-input]')!;
    // Render the strokes as ink alone, at a width proportional to the drawing's size.
    const ctx = this.raster.getContext('2d', { willReadFrequently: true })!;
    ctx.clearRect(0, 0, PAD, PAD);
    this.strokeAll(ctx, strokeWidth(this.strokes), '#000');
    const rgba = ctx.getImageData(0, 0, PAD, PAD).data;
    const ink = new Uint8Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[4 * i + 3];
    let digit = preprocessDrawing(ink, PAD, PAD, INK_THRESHOLD)?.pixels ?? null;
    if (digit && this.querySelector<HTMLInputElement>('[data-deskew]')!.checked) digit = deskew(digit).pixels;
    const padded = new Uint8Array(32 * 32);
    if (digit) for (let y = 0; y < 28; y++) padded.set(digit.subarray(y * 28, y * 28 + 28), (y + 2) * 32 + 2);
    paintGrey(inputCanvas, padded, 32, 32);
    const model = this.model;
    const pieces = inkPieces(ink, PAD, PAD, INK_THRESHOLD);
    // A drawing too small is not run through the network at all.
    const early = verdict(this.strokes, pieces, this.reader, null);
    if (!digit || !model || !this.trace || early === 'small') {
      this.show(early, null);
      this.querySelector<HTMLElement>('[data-layers]')!.hidden = true;
      this.drawChart(null);
      return;
    }
    const input = prepareDigit({ pixels: digit, rows: 28, cols: 28 }, 0, new Float32Array(model.inputUnits), 32);
    const trace = model.forward(input, this.trace);
    const loss = lossNamed(VARIANTS[this.variant].loss);
    const predicted = loss.predict(trace.output);
    const values = this.variant === 'faithful' ? Array.from(trace.output) : Array.from(softmax(trace.output));
    this.show(verdict(this.strokes, pieces, this.reader, values), predicted, values);
    this.drawLayers(trace);
    this.drawChart(values, predicted);
  }

  /** The answer, its accessible name, the short tag beside it and the longer advice under the pad. */
  private show(v: Verdict, predicted: number | null, values: number[] = []): void {
    const answer = this.querySelector<HTMLElement>('[data-answer]')!;
    const tag = this.querySelector<HTMLElement>('[data-tag]')!;
    const advice = this.querySelector<HTMLElement>('[data-advice]')!;
    const l = this.locale;
    const answered = predicted !== null && (v === 'sure' || v === 'unsure');
    answer.textContent = answered ? String(predicted) : v === 'empty' ? say('nothing', l) : '?';
    answer.dataset.verdict = v;
    answer.setAttribute('aria-label', v === 'empty' ? say('nothingDrawn', l) : v === 'small' ? say('answerSmall', l) : v === 'pieces' ? say('answerPieces', l)
      : say(v === 'unsure' ? 'answerUnsure' : 'answerIs', l, { answer: predicted ?? '' }));
    if (answered) this.dataset.answer = String(predicted);
    else delete this.dataset.answer;
    this.dataset.verdict = v;
    tag.hidden = v === 'empty' || v === 'sure';
    tag.textContent = v === 'small' ? say('tagSmall', l) : v === 'pieces' ? say('tagPieces', l) : v === 'unsure' ? say('tagUnsure', l) : '';
    const share = `${Math.round(100 * UNSURE_SHARE)} %`;
    advice.textContent = v === 'small' ? say('adviceSmall', l) : v === 'pieces' ? say('advicePieces', l) : v !== 'unsure' ? ''
      : this.variant === 'faithful' ? say('adviceUnsureFaithful', l, { d: Math.min(...values).toFixed(1), t: this.reader.unsureAt.toFixed(1), share })
        : say('adviceUnsureModern', l, { p: `${(100 * Math.max(...values)).toFixed(1)} %`, t: `${(100 * this.reader.unsureAt).toFixed(1)} %`, share });
  }

  private drawLayers(trace: Trace): void {
    const box = this.querySelector<HTMLElement>('[data-layers]')!;
    box.hidden = false;
    for (const layer of trace.layers) {
      const row = box.querySelector<HTMLElement>(`[data-layer="${layer.name}"]`);
      if (!row) continue;
      const { maps, height, width } = layer.shape;
      // The same scale for every map of a layer: ±1.7159 for squashing units, the largest value for ReLU.
      let limit = 0;
      for (let i = 0; i < layer.out.length; i++) limit = Math.max(limit, Math.abs(layer.out[i]));
      if (this.variant === 'faithful') limit = SQUASH_A;
      const canvases = [...row.querySelectorAll<HTMLCanvasElement>('canvas')];
      if (height === 1 && width === 1) {
        const grid = row.dataset.grid!.split('x').map(Number);
        const cells = new Float32Array(grid[0] * grid[1]).fill(Number.NaN);
        cells.set(layer.out.subarray(0, Math.min(cells.length, layer.out.length)));
        paintPlane(canvases[0], cells, 0, grid[0], grid[1], limit || 1);
      } else {
        canvases.forEach((c, m) => { if (m < maps) paintPlane(c, layer.out, m * height * width, height, width, limit || 1); });
      }
    }
  }

  private colours(): { text: string; grid: string; bar: string; win: string } {
    return {
      text: css(this, '--sl-color-gray-2', '#444'), grid: css(this, '--sl-color-gray-5', '#ddd'),
      bar: css(this, '--sl-color-gray-4', '#999'), win: css(this, '--sl-color-accent', '#36c'),
    };
  }

  private drawChart(values: number[] | null, winner = -1): void {
    const canvas = this.querySelector<HTMLCanvasElement>('[data-chart]')!;
    const c = this.colours();
    const faithful = this.variant === 'faithful';
    if (!this.chart) {
      this.chart = new Chart(canvas, {
        type: 'bar',
        data: { labels: Array.from({ length: 10 }, (_, i) => String(i)), datasets: [{ data: [] }] },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { x: { title: { display: true } }, y: { beginAtZero: true, title: { display: true } } },
        },
      });
    }
    const o = this.chart.options.scales!;
    o.x!.title = { display: true, text: say('digit', this.locale), color: c.text };
    o.y!.title = { display: true, text: say(faithful ? 'distance' : 'probability', this.locale), color: c.text };
    o.y!.max = faithful ? undefined : 1;
    for (const axis of [o.x!, o.y!]) { axis.ticks = { ...axis.ticks, color: c.text }; axis.grid = { ...axis.grid, color: c.grid }; }
    const d = this.chart.data.datasets[0];
    d.data = values ? values.map((v) => (Number.isFinite(v) ? v : 0)) : [];
    const summary = this.querySelector('[data-summary]')!;
    if (values && winner >= 0) {
      const runnerUp = values.map((v, i) => ({ v, i })).filter((x) => x.i !== winner).sort((x, y) => (faithful ? x.v - y.v : y.v - x.v))[0];
      const f = (v: number) => (faithful ? v.toFixed(1) : `${(100 * v).toFixed(1)} %`);
      summary.textContent = say(faithful ? 'nearest' : 'likeliest', this.locale, {
        a: winner, da: f(values[winner]), pa: f(values[winner]), b: runnerUp.i, db: f(runnerUp.v), pb: f(runnerUp.v),
      });
    } else summary.textContent = '';
    d.backgroundColor = Array.from({ length: 10 }, (_, i) => (i === winner ? c.win : c.bar));
    this.chart.update('none');
  }

  private recolour(): void {
    if (this.chart) this.classify();
  }
}

if (!customElements.get('lenet-playground')) customElements.define('lenet-playground', LenetPlayground);
