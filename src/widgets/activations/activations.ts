/**
 * <layer-activations>: runs the pretrained LeNet-5 (engine Model) on the selected test digit and
 * paints the layer's activations. Keyboard: the digit picker is a radio group (arrow keys move).
 */
import { lossNamed, prepareDigit, SQUASH_A, convKernel, type Model } from '../../../engine/index.ts';
import { decodeDigits, type PageDigit } from '../../lib/digits.ts';
import { paintGrey, paintPlane } from '../../lib/draw.ts';
import { loadPretrained } from '../../lib/pretrained.ts';
import { say } from './words.ts';
import type { Lang } from '../../i18n.ts';

const faithfulLoss = lossNamed('map');

class LayerActivations extends HTMLElement {
  private locale: Lang = 'en';
  private digits: PageDigit[] = [];
  private model: Model | undefined;
  private selected = 3;

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.digits = decodeDigits(this.dataset.pixels ?? '', JSON.parse(this.dataset.meta ?? '[]'));
    this.selected = Number(this.dataset.digit ?? 3);
    const buttons = this.radios();
    buttons.forEach((b, i) => {
      paintGrey(b.querySelector('canvas')!, this.digits[i].pixels, 28, 28);
      b.addEventListener('click', () => this.select(i));
      b.addEventListener('keydown', (e) => {
        const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        const next = (i + step + buttons.length) % buttons.length;
        this.select(next);
        buttons[next].focus();
      });
    });
    this.querySelector('[data-retry]')?.addEventListener('click', () => this.load());
    void this.load();
  }

  private radios(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
  }

  private async load(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const retry = this.querySelector<HTMLElement>('[data-retry]')!;
    status.textContent = say('loading', this.locale);
    retry.hidden = true;
    try {
      this.model = await loadPretrained('faithful', this.dataset.weights!);
      status.textContent = '';
      this.drawKernels();
      this.select(this.selected);
    } catch (err) {
      status.textContent = say('failed', this.locale, { why: (err as Error).message });
      retry.hidden = false;
    }
  }

  private select(i: number): void {
    this.selected = i;
    this.radios().forEach((b, j) => {
      b.setAttribute('aria-checked', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
    });
    if (this.model) this.draw(this.model, this.digits[i]);
  }

  private draw(model: Model, digit: PageDigit): void {
    const input = prepareDigit({ pixels: digit.pixels, rows: 28, cols: 28 }, 0, new Float32Array(model.inputUnits));
    const trace = model.forward(input, model.newTrace());
    const layerIndex = trace.layers.findIndex((l) => l.name === this.dataset.layer);
    const layer = trace.layers[layerIndex];
    const { maps, height, width } = layer.shape;
    const answer = faithfulLoss.predict(trace.output);
    const planes = [...this.querySelectorAll<HTMLCanvasElement>('[data-figure] canvas.plane')];
    const grid = this.dataset.grid ? (JSON.parse(this.dataset.grid) as { h: number; w: number }) : undefined;
    if (grid) {
      const cells = new Float32Array(grid.h * grid.w).fill(Number.NaN);
      cells.set(layer.out);
      paintPlane(planes[0], cells, 0, grid.h, grid.w, Number(this.dataset.limit ?? SQUASH_A));
    } else {
      planes.forEach((c, m) => paintPlane(c, layer.out, m * height * width, height, width, Number(this.dataset.limit ?? SQUASH_A)));
    }
    const vars = { layer: layer.name, maps, h: grid?.h ?? height, w: grid?.w ?? width, units: maps, label: digit.label, index: digit.index, answer };
    this.querySelector('[data-caption]')!.textContent = say(grid ? 'captionUnits' : 'caption', this.locale, vars);
    this.querySelector<HTMLElement>('[data-figure]')!.hidden = false;
    this.dataset.answer = String(answer);
  }

  private drawKernels(): void {
    const figure = this.querySelector<HTMLElement>('[data-kernels-figure]');
    if (!figure || !this.model) return;
    const canvases = [...figure.querySelectorAll<HTMLCanvasElement>('canvas')];
    const kernels = canvases.map((_, m) => convKernel(this.model!, 'C1', m, 0));
    // One scale for all six, so their contrasts compare.
    const limit = Math.max(...kernels.flatMap((k) => Array.from(k, Math.abs)));
    canvases.forEach((c, m) => paintPlane(c, kernels[m], 0, 5, 5, limit));
    figure.hidden = false;
  }
}

if (!customElements.get('layer-activations')) customElements.define('layer-activations', LayerActivations);
