/**
 * <input-pixels>: follows the pointer, a tap, or the arrow keys over the 32×32 input and shows
 * the pixel's grey level and input value, and the C1 receptive field centred on it; the digit
 * buttons swap the digit. All numbers come from model.ts (and through it, the engine).
 */
import { fill } from '../../i18n.ts';
import { KERNEL, c1UnitCentredAt, cellAt, formatValue, inputView, windowAround, type InputView } from './model.ts';

type Words = Record<'position' | 'grey' | 'padding' | 'centre' | 'noCentre' | 'pixels' | 'stats' | 'figure', string>;
const SVG = 'http://www.w3.org/2000/svg';

class InputPixels extends HTMLElement {
  private digits: { label: number; pixels: number[] }[] = [];
  private view!: InputView;
  private words!: Words;
  private row = 0;
  private col = 0;

  connectedCallback(): void {
    const raw = JSON.parse(this.dataset.digits ?? '[]') as { label: number; pixels: string }[];
    this.digits = raw.map((d) => ({ label: d.label, pixels: d.pixels.split(',').map(Number) }));
    const selected = this.digits.find((d) => d.label === Number(this.dataset.selected)) ?? this.digits[0];
    this.view = inputView(selected.pixels);
    this.words = JSON.parse(this.querySelector<HTMLTemplateElement>('template[data-words]')!.dataset.words!) as Words;
    const svg = this.querySelector<SVGSVGElement>('svg[data-pixels]')!;
    const cursor = svg.querySelector('[data-cursor]')!;
    this.row = Number(cursor.getAttribute('y'));
    this.col = Number(cursor.getAttribute('x'));
    const fromPointer = (e: PointerEvent) => {
      const box = svg.getBoundingClientRect();
      const side = this.view.side;
      const col = Math.floor(((e.clientX - box.left) / box.width) * side);
      const row = Math.floor(((e.clientY - box.top) / box.height) * side);
      if (row >= 0 && col >= 0 && row < side && col < side) this.show(row, col);
    };
    svg.addEventListener('pointermove', fromPointer);
    svg.addEventListener('pointerdown', fromPointer);
    svg.addEventListener('keydown', (e) => this.onKey(e));
    this.querySelector('.picker')?.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-label]');
      if (button) this.pick(Number(button.dataset.label));
    });
  }

  private onKey(e: KeyboardEvent): void {
    const last = this.view.side - 1;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let { row, col } = this;
    if (e.key in moves) {
      row = Math.min(last, Math.max(0, row + moves[e.key][0]));
      col = Math.min(last, Math.max(0, col + moves[e.key][1]));
    } else if (e.key === 'Home') col = 0;
    else if (e.key === 'End') col = last;
    else return;
    e.preventDefault();
    this.show(row, col);
  }

  /** Shows another digit, keeping the pixel under inspection. */
  pick(label: number): void {
    const digit = this.digits.find((d) => d.label === label);
    if (!digit) return;
    this.view = inputView(digit.pixels);
    for (const b of this.querySelectorAll<HTMLButtonElement>('.picker button')) b.setAttribute('aria-pressed', String(Number(b.dataset.label) === label));
    const ink = this.querySelector('[data-ink]')!;
    ink.replaceChildren(...this.view.cells.filter((c) => (c.grey ?? 0) > 0).map((c) => {
      const rect = document.createElementNS(SVG, 'rect');
      for (const [k, v] of Object.entries({ x: c.col, y: c.row, width: 1, height: 1, fill: '#000', 'fill-opacity': ((c.grey ?? 0) / 255).toFixed(3) })) rect.setAttribute(k, String(v));
      return rect;
    }));
    this.querySelector('svg[data-pixels]')!.setAttribute('aria-label', fill(this.words.pixels, { label }));
    this.querySelector('[data-stats]')!.textContent = fill(this.words.stats, { mean: formatValue(this.view.mean), variance: formatValue(this.view.variance) });
    this.querySelector('[data-caption]')!.textContent = fill(this.words.figure, { label });
    this.show(this.row, this.col, true);
  }

  show(row: number, col: number, force = false): void {
    if (row === this.row && col === this.col && !force && this.dataset.moved) return;
    this.dataset.moved = 'true';
    this.row = row;
    this.col = col;
    const cell = cellAt(this.view, row, col);
    const unit = c1UnitCentredAt(row, col);
    const half = Math.floor(KERNEL / 2);
    const cursor = this.querySelector('[data-cursor]')!;
    cursor.setAttribute('x', String(col));
    cursor.setAttribute('y', String(row));
    const field = this.querySelector('[data-field]')!;
    field.setAttribute('x', String(col - half));
    field.setAttribute('y', String(row - half));
    field.setAttribute('visibility', unit ? 'visible' : 'hidden');
    const w = this.words;
    this.querySelector('[data-position]')!.textContent = fill(w.position, { row, col });
    this.querySelector('[data-pixel]')!.textContent = cell.grey === null
      ? fill(w.padding, { value: formatValue(cell.value) })
      : fill(w.grey, { grey: cell.grey, value: formatValue(cell.value) });
    this.querySelector('[data-centre]')!.textContent = unit ? fill(w.centre, { row: unit.row, col: unit.col }) : w.noCentre;
    const values = windowAround(this.view, row, col);
    this.querySelectorAll('[data-window] tr').forEach((tr, i) => {
      tr.querySelectorAll('td').forEach((td, j) => {
        const v = values[i][j];
        td.textContent = v === null ? '' : formatValue(v);
        td.classList.toggle('ink', v !== null && v > 0.5);
      });
    });
  }
}

if (!customElements.get('input-pixels')) customElements.define('input-pixels', InputPixels);
