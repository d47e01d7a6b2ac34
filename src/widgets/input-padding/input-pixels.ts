/**
 * <input-pixels>: follows the pointer, a tap, or the arrow keys over the 32×32 input and shows
 * the pixel's grey level and input value, and the C1 receptive field centred on it (model.ts).
 */
import { KERNEL, c1UnitCentredAt, cellAt, formatValue, inputView, windowAround, type InputView } from './model.ts';

type Words = Record<'position' | 'grey' | 'padding' | 'centre' | 'noCentre', string>;
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

class InputPixels extends HTMLElement {
  private view!: InputView;
  private words!: Words;
  private row = 0;
  private col = 0;

  connectedCallback(): void {
    this.view = inputView((this.dataset.digit ?? '').split(',').map(Number));
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
  }

  private onKey(e: KeyboardEvent): void {
    const last = this.view.side - 1;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1],
    };
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

  show(row: number, col: number): void {
    if (row === this.row && col === this.col && this.dataset.ready) return;
    this.dataset.ready = 'true';
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
