/**
 * <layer-activations>: runs the pretrained LeNet-5 (engine Model) on the selected test digit and
 * paints the layer's activations; then opens one unit of the layer: its receptive field on every
 * layer down to the input (engine `receptiveField`) and its computation with the real numbers
 * (engine `unitComputation`). Keyboard: the digit picker is a radio group; each map is a button
 * whose arrow keys move the unit within it; the enlarged picker takes arrows, pointer and touch.
 * Selecting a C3 map tells the page (event `lenet:unit`), so the C3 connection table can show it.
 */
import {
  BACKGROUND, FOREGROUND, lossNamed, prepareDigit, receptiveField, SQUASH_A, convKernel, unitComputation,
  type FieldLevel, type Model, type Trace, type Unit, type UnitComputation,
} from '../../../engine/index.ts';
import { decodeDigits, type PageDigit } from '../../lib/digits.ts';
import { paintGrey, paintPlane } from '../../lib/draw.ts';
import { loadPretrained } from '../../lib/pretrained.ts';
import { say } from './words.ts';
import { cellOf, computationSteps, describeLevel, fmt, moveUnit, planeOf, unitAtPointer, unitName, type Layout } from './model.ts';
import type { Lang } from '../../i18n.ts';

const faithfulLoss = lossNamed('map');
/** A layer of 1×1 maps (C5) is drawn as a grid this many units wide, as in its own chapter. */
const VECTOR_COLUMNS = 12;

/** What the page hears when a unit is selected (the C3 table listens for layer C3). */
export interface UnitEvent {
  layer: string;
  map: number;
}

/** An input value back as an MNIST grey level: −0.1 (paper) white … 1.175 (ink) black (engine/input.ts). */
const greyOf = (v: number) => Math.round(((v - BACKGROUND) / (FOREGROUND - BACKGROUND)) * 255);

/** Places a box over cells [r0, r1] × [c0, c1] of a rows×cols plane, in percent of the plane. */
function placeBox(box: HTMLElement, rows: number, cols: number, r0: number, r1: number, c0: number, c1: number): void {
  box.style.top = `${(r0 / rows) * 100}%`;
  box.style.left = `${(c0 / cols) * 100}%`;
  box.style.height = `${((r1 - r0 + 1) / rows) * 100}%`;
  box.style.width = `${((c1 - c0 + 1) / cols) * 100}%`;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

class LayerActivations extends HTMLElement {
  private locale: Lang = 'en';
  private digits: PageDigit[] = [];
  private model: Model | undefined;
  private trace: Trace | undefined;
  private selected = 3;
  private unit: Unit = { map: 0, y: 0, x: 0 };
  private layout!: Layout;
  private layerName = '';
  private layerIndex = 0;
  /** Until the reader picks one, open the strongest unit of map 0 — more telling than a corner of paper. */
  private firstUnit = false;

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.layerName = this.dataset.layer ?? 'C1';
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
    this.querySelector('[data-autoscale]')?.addEventListener('change', () => this.paintMaps());
    this.wireSelection();
    void this.load();
  }

  private radios(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
  }

  private mapButtons(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>('button.map-button')];
  }

  /** Pointer, tap and arrow keys on the map buttons and the picker; the four nudge buttons. */
  private wireSelection(): void {
    const onPointer = (target: HTMLElement, map: () => number) => (e: PointerEvent) => {
      if (!this.layout) return;
      const r = target.getBoundingClientRect();
      const u = unitAtPointer(this.layout, map(), (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
      if (u) this.choose(u);
    };
    for (const b of this.mapButtons()) {
      const frame = b.querySelector<HTMLElement>('.plane-frame')!;
      const map = Number(b.dataset.map);
      frame.addEventListener('pointerdown', onPointer(frame, () => map));
      // A click without a pointer position (keyboard Enter/Space) keeps the unit's place in the new map.
      b.addEventListener('click', (e) => { if (e.detail === 0) this.choose({ ...this.unit, map }); });
      b.addEventListener('focus', () => { if (this.unit.map !== map && this.layout) this.choose({ ...this.unit, map }); });
      b.addEventListener('keydown', (e) => this.onArrow(e));
    }
    const picker = this.querySelector<HTMLElement>('[data-picker]');
    if (picker) {
      picker.addEventListener('pointerdown', onPointer(picker, () => this.unit.map));
      picker.addEventListener('pointermove', (e) => { if (e.buttons) onPointer(picker, () => this.unit.map)(e); });
      picker.addEventListener('keydown', (e) => this.onArrow(e));
    }
    for (const b of this.querySelectorAll<HTMLButtonElement>('[data-nudge]')) {
      b.addEventListener('click', () => {
        const next = this.layout && moveUnit(this.layout, this.unit, b.dataset.nudge!);
        if (next) this.choose(next);
      });
    }
  }

  private onArrow(e: KeyboardEvent): void {
    const next = this.layout && moveUnit(this.layout, this.unit, e.key);
    if (!next) return;
    e.preventDefault();
    this.choose(next);
  }

  private async load(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const retry = this.querySelector<HTMLElement>('[data-retry]')!;
    status.textContent = say('loading', this.locale);
    retry.hidden = true;
    try {
      this.model = await loadPretrained('faithful', this.dataset.weights!);
      this.trace = this.model.newTrace();
      this.layerIndex = this.model.layers.findIndex((l) => l.name === this.layerName);
      const grid = this.dataset.grid ? (JSON.parse(this.dataset.grid) as { w: number }) : undefined;
      this.layout = { shape: this.model.layers[this.layerIndex].output, columns: grid?.w };
      this.buildLevels(this.model);
      this.firstUnit = true;
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
    if (!this.model || !this.trace) return;
    const digit = this.digits[i];
    const input = prepareDigit({ pixels: digit.pixels, rows: 28, cols: 28 }, 0, new Float32Array(this.model.inputUnits));
    this.model.forward(input, this.trace);
    this.paintMaps();
    this.paintLevels();
    const layer = this.trace.layers[this.layerIndex];
    const { maps, height, width } = layer.shape;
    const answer = faithfulLoss.predict(this.trace.output);
    const columns = this.layout.columns;
    const plane = planeOf(this.layout);
    const vars = { layer: layer.name, maps, h: columns ? plane.rows : height, w: columns ?? width, units: maps, label: digit.label, index: digit.index, answer };
    this.querySelector('[data-caption]')!.textContent = say(columns ? 'captionUnits' : 'caption', this.locale, vars);
    this.querySelector<HTMLElement>('[data-figure]')!.hidden = false;
    this.querySelector<HTMLElement>('[data-drill]')!.hidden = false;
    this.dataset.answer = String(answer);
    if (this.firstUnit) {
      this.firstUnit = false;
      const first = layer.out.subarray(0, height * width);
      const at = first.reduce((best, v, i) => (Math.abs(v) > Math.abs(first[best]) ? i : best), 0);
      this.unit = columns ? { map: 0, y: 0, x: 0 } : { map: 0, y: Math.floor(at / width), x: at % width };
    }
    this.showUnit(false);
  }

  /** The layer's own maps (or its grid of units), on one scale or — when asked — each on its own. */
  private paintMaps(): void {
    const layer = this.trace?.layers[this.layerIndex];
    if (!layer) return;
    const { height, width } = layer.shape;
    const own = this.querySelector<HTMLInputElement>('[data-autoscale]')?.checked ?? false;
    const legendAuto = this.querySelector<HTMLElement>('[data-legend-auto]');
    if (legendAuto) legendAuto.hidden = !own;
    // The common legend (±1.7159) says nothing about maps on their own scales.
    this.querySelector<HTMLElement>('[data-figure] .legend')!.hidden = own;
    const columns = this.layout.columns;
    if (columns !== undefined) {
      const plane = planeOf(this.layout);
      const cells = new Float32Array(plane.rows * plane.cols).fill(Number.NaN);
      cells.set(layer.out);
      paintPlane(this.querySelector<HTMLCanvasElement>('[data-figure] canvas.plane')!, cells, 0, plane.rows, plane.cols, SQUASH_A);
      return;
    }
    for (const b of this.mapButtons()) {
      const m = Number(b.dataset.map);
      const values = layer.out.subarray(m * height * width, (m + 1) * height * width);
      const scale = b.parentElement!.querySelector('[data-scale]')!;
      if (!own) {
        paintPlane(b.querySelector('canvas')!, values, 0, height, width, SQUASH_A);
        scale.textContent = '';
        continue;
      }
      // Its own range: the palette's ends at the map's smallest and largest value.
      const low = Math.min(...values);
      const high = Math.max(...values);
      const mid = (low + high) / 2;
      paintPlane(b.querySelector('canvas')!, values.map((v) => v - mid), 0, height, width, (high - low) / 2);
      scale.textContent = `${fmt(low, 2)} … ${fmt(high, 2)}`;
    }
    this.paintPicker();
  }

  /** The enlarged selected map, on the same scale as its thumbnail. */
  private paintPicker(): void {
    const layer = this.trace?.layers[this.layerIndex];
    const canvas = this.querySelector<HTMLCanvasElement>('.drill [data-picker] canvas');
    if (!layer || !canvas) return;
    const thumb = this.mapButtons()[this.unit.map].querySelector('canvas')!;
    canvas.width = thumb.width;
    canvas.height = thumb.height;
    canvas.getContext('2d')?.drawImage(thumb, 0, 0);
  }

  private choose(u: Unit): void {
    const changedMap = u.map !== this.unit.map;
    this.unit = u;
    if (changedMap) this.paintPicker();
    this.showUnit(true);
  }

  /** Everything that follows the selected unit: boxes, field, computation, announcement, the page event. */
  private showUnit(announce: boolean): void {
    const model = this.model;
    const trace = this.trace;
    if (!model || !trace) return;
    const u = this.unit;
    const name = unitName(this.layout, this.layerName, u, this.locale);
    const plane = planeOf(this.layout);
    const { row, col } = cellOf(this.layout, u);
    for (const b of this.mapButtons()) {
      const m = Number(b.dataset.map);
      b.setAttribute('aria-pressed', String(m === u.map));
      const box = b.querySelector<HTMLElement>('[data-unit-box]')!;
      box.hidden = m !== u.map;
      if (m === u.map) placeBox(box, plane.rows, plane.cols, row, row, col, col);
    }
    const picker = this.querySelector<HTMLElement>('[data-picker]');
    if (picker) {
      placeBox(picker.querySelector<HTMLElement>('[data-unit-box]')!, plane.rows, plane.cols, row, row, col, col);
      if (!this.layout.columns) picker.setAttribute('aria-label', say('picker', this.locale, { layer: this.layerName, n: u.map }));
    }
    this.dataset.unit = `${u.map},${u.y},${u.x}`;

    const c = unitComputation(model, trace, this.layerName, u);
    const steps = computationSteps(c, this.locale);
    this.querySelector('[data-unit-name]')!.textContent = name;
    const list = this.querySelector('[data-steps]')!;
    list.replaceChildren(...steps.lines.map((line) => el('li', undefined, line)));
    this.querySelector('[data-a]')!.textContent = steps.a;
    this.querySelector('[data-y]')!.textContent = steps.y;
    const note = this.querySelector<HTMLElement>('[data-note]')!;
    note.hidden = !steps.note;
    note.textContent = steps.note ?? '';
    this.renderTerms(c);
    this.showField(receptiveField(model.spec, this.layerName, u).levels);
    if (announce) {
      this.querySelector('[data-announce]')!.textContent = say('announce', this.locale, { unit: name, a: steps.a, y: steps.y });
    }
    document.dispatchEvent(new CustomEvent<UnitEvent>('lenet:unit', { detail: { layer: this.layerName, map: u.map } }));
  }

  /** What the unit multiplies: patches and kernels (convolution), the window (subsampling), the largest products (full). */
  private renderTerms(c: UnitComputation): void {
    const box = this.querySelector<HTMLElement>('[data-terms]')!;
    const below = this.layerIndex === 0 ? say('inputName', this.locale) : this.model!.layers[this.layerIndex - 1].name;
    if (c.kind === 'conv') {
      const limit = Math.max(...c.terms.flatMap((t) => t.kernel.map(Math.abs)));
      const rows = c.terms.map((t) => {
        const row = el('div', 'term');
        const patch = el('canvas', 'mini-plane');
        const kernel = el('canvas', 'mini-plane');
        // The input in its own encoding (grey), every other layer in the activation palette.
        if (this.layerIndex === 0) paintGrey(patch, t.patch.map(greyOf), c.side, c.side);
        else paintPlane(patch, t.patch, 0, c.side, c.side, SQUASH_A);
        paintPlane(kernel, t.kernel, 0, c.side, c.side, limit);
        patch.setAttribute('aria-hidden', 'true');
        kernel.setAttribute('aria-hidden', 'true');
        row.append(patch, el('span', 'op', '⊙'), kernel,
          el('span', 'term-text', say('termLine', this.locale, { name: below, source: t.source, sum: fmt(t.sum) })));
        return row;
      });
      const details = el('details', 'numbers');
      details.open = c.terms.length === 1;
      details.append(el('summary', undefined, say('numbers', this.locale)));
      for (const t of c.terms) {
        const pair = el('div', 'number-pair');
        pair.append(this.numberTable(say('patchOf', this.locale, { name: below, source: t.source }), t.patch, c.side, 2),
          this.numberTable(say('kernelOf', this.locale), t.kernel, c.side, 2));
        details.append(pair);
      }
      box.replaceChildren(...rows, details);
    } else if (c.kind === 'subsample') {
      box.replaceChildren(this.numberTable(say('windowOf', this.locale, { name: below, source: c.source }), c.window, c.side, 3));
    } else {
      const table = el('table', 'contributions');
      table.append(el('caption', undefined, say('contributions', this.locale, { n: c.top.length, inputs: c.inputs })));
      const head = el('tr');
      for (const h of [say('fromUnit', this.locale, { name: below }), 'x', 'w', 'w·x']) {
        const th = el('th', undefined, h);
        th.scope = 'col';
        head.append(th);
      }
      table.append(head);
      for (const t of c.top) {
        const tr = el('tr');
        for (const v of [String(t.index), fmt(t.x), fmt(t.w), fmt(t.term)]) tr.append(el('td', undefined, v));
        table.append(tr);
      }
      const rest = el('tr');
      const label = el('td', undefined, say('rest', this.locale, { n: c.inputs - c.top.length }));
      label.colSpan = 3;
      rest.append(label, el('td', undefined, fmt(c.rest)));
      table.append(rest);
      box.replaceChildren(table);
    }
  }

  private numberTable(caption: string, values: number[], side: number, digits: number): HTMLTableElement {
    const table = el('table', 'number-grid');
    table.append(el('caption', undefined, caption));
    for (let r = 0; r < side; r++) {
      const tr = el('tr');
      for (let k = 0; k < side; k++) tr.append(el('td', undefined, fmt(values[r * side + k], digits)));
      table.append(tr);
    }
    return table;
  }

  /** One row per layer below this one, built once: every map drawn small, with a box for the field. */
  private buildLevels(model: Model): void {
    const box = this.querySelector<HTMLElement>('[data-levels]')!;
    const field = receptiveField(model.spec, this.layerName, { map: 0, y: 0, x: 0 }).levels.slice(0, -1);
    box.replaceChildren(...field.map((level) => {
      const row = el('div', 'level');
      row.dataset.level = level.name;
      const maps = el('div', 'level-maps');
      const vector = level.shape.height === 1 && level.shape.width === 1;
      const count = vector ? 1 : level.shape.maps;
      for (let m = 0; m < count; m++) {
        const mini = el('span', 'mini');
        mini.dataset.map = String(m);
        const frame = el('span', 'mini-frame');
        const canvas = el('canvas', 'mini-plane');
        canvas.setAttribute('aria-hidden', 'true');
        frame.append(canvas, el('span', 'field-box'));
        mini.append(frame);
        if (level.name !== 'input' && !vector) mini.append(el('span', 'mini-number', String(m)));
        maps.append(mini);
      }
      row.append(el('p', 'level-caption'), maps);
      return row;
    }));
  }

  private paintLevels(): void {
    const trace = this.trace!;
    for (const row of this.querySelectorAll<HTMLElement>('[data-levels] .level')) {
      const name = row.dataset.level!;
      const values = name === 'input' ? trace.input : trace.layers.find((l) => l.name === name)!.out;
      const shape = name === 'input' ? this.model!.analysis.input : trace.layers.find((l) => l.name === name)!.shape;
      const canvases = [...row.querySelectorAll<HTMLCanvasElement>('canvas')];
      if (name === 'input') {
        // The input as grey levels again: −0.1 (paper) white … 1.175 (ink) black.
        paintGrey(canvases[0], Array.from(values, greyOf), shape.height, shape.width);
      } else if (shape.height === 1 && shape.width === 1) {
        const cols = VECTOR_COLUMNS;
        const cells = new Float32Array(Math.ceil(shape.maps / cols) * cols).fill(Number.NaN);
        cells.set(values);
        paintPlane(canvases[0], cells, 0, cells.length / cols, cols, SQUASH_A);
      } else {
        canvases.forEach((c, m) => paintPlane(c, values, m * shape.height * shape.width, shape.height, shape.width, SQUASH_A));
      }
    }
  }

  /** Marks, level by level, the maps and the rectangle the unit depends on (the engine's receptive field). */
  private showField(levels: FieldLevel[]): void {
    for (const level of levels.slice(0, -1)) {
      const row = this.querySelector<HTMLElement>(`[data-levels] .level[data-level="${level.name}"]`)!;
      row.querySelector('.level-caption')!.textContent = describeLevel(level, this.locale);
      row.dataset.maps = level.maps.join(',');
      row.dataset.rows = level.rows.join(',');
      row.dataset.cols = level.cols.join(',');
      const vector = level.shape.height === 1 && level.shape.width === 1;
      for (const mini of row.querySelectorAll<HTMLElement>('.mini')) {
        const m = Number(mini.dataset.map);
        const inField = vector || level.maps.includes(m);
        mini.classList.toggle('outside', !inField);
        mini.title = inField ? '' : say('outside', this.locale);
        const fieldBox = mini.querySelector<HTMLElement>('.field-box')!;
        fieldBox.hidden = !inField;
        if (vector) {
          const rows = Math.ceil(level.shape.maps / VECTOR_COLUMNS);
          placeBox(fieldBox, rows, VECTOR_COLUMNS, 0, rows - 1, 0, VECTOR_COLUMNS - 1);
        } else {
          placeBox(fieldBox, level.shape.height, level.shape.width, level.rows[0], level.rows[1], level.cols[0], level.cols[1]);
        }
      }
    }
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
