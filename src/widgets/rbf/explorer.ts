/**
 * <rbf-explorer>: the reader flips F6 units on the 7×12 grid (click, or Space/Enter; arrow keys
 * move), and the ten RBF distances — computed through model.ts — update in the chart, the answer
 * line and the table.
 */
import { distanceChart, type DistanceChart } from './chart.ts';
import { flipUnit, formatDistance, readState, stateFromCode } from './model.ts';
import { say } from './words.ts';
import type { Lang } from '../../i18n.ts';

const COLS = 7;

class RbfExplorer extends HTMLElement {
  private locale: Lang = 'en';
  private state: Float32Array = new Float32Array(0);
  private startState: Float32Array = new Float32Array(0);
  private chart: DistanceChart | undefined;

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    const select = this.querySelector<HTMLSelectElement>('[data-start-select]')!;
    this.startFrom(Number(select.value));
    select.addEventListener('change', () => this.startFrom(Number(select.value)));
    this.querySelector('[data-random]')?.addEventListener('click', () => this.flipRandom(5));
    const cells = this.cells();
    cells.forEach((cell, j) => {
      cell.addEventListener('click', () => this.flip(j));
      cell.addEventListener('keydown', (e) => this.move(e, j));
    });
    this.chart = distanceChart(this.querySelector('canvas[data-chart]')!, {
      x: say('digitAxis', this.locale), y: say('distanceAxis', this.locale), value: say('distance', this.locale),
    });
    this.render();
  }

  disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private cells(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>('button[data-unit]')];
  }

  private startFrom(digit: number): void {
    this.startState = stateFromCode(digit);
    this.state = Float32Array.from(this.startState);
    this.render();
  }

  private flip(unit: number): void {
    this.state = flipUnit(this.state, unit);
    this.render();
  }

  private flipRandom(n: number): void {
    const units = new Set<number>();
    while (units.size < n) units.add(Math.floor(Math.random() * this.state.length));
    for (const u of units) this.state = flipUnit(this.state, u);
    this.render();
  }

  /** Arrow keys move the focus on the grid (one tab stop for all 84 cells). */
  private move(e: KeyboardEvent, j: number): void {
    const cells = this.cells();
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLS, ArrowUp: -COLS };
    let next = j + (step[e.key] ?? 0);
    if (e.key === 'Home') next = j - (j % COLS);
    if (e.key === 'End') next = j - (j % COLS) + COLS - 1;
    if (next === j || next < 0 || next >= cells.length) return;
    e.preventDefault();
    cells[j].tabIndex = -1;
    cells[next].tabIndex = 0;
    cells[next].focus();
  }

  private render(): void {
    const cells = this.cells();
    let flipped = 0;
    cells.forEach((cell, j) => {
      cell.setAttribute('aria-pressed', String(this.state[j] > 0));
      const changed = this.state[j] !== this.startState[j];
      cell.classList.toggle('changed', changed);
      if (changed) flipped++;
    });
    this.querySelector('[data-flipped]')!.textContent = say('flipped', this.locale, { n: flipped });
    const reading = readState(this.state);
    const best = formatDistance(reading.distances[reading.winner]);
    this.querySelector('[data-answer]')!.textContent = reading.tied.length > 1
      ? say('tie', this.locale, { digits: reading.tied.join(this.locale === 'zh-CN' ? '、' : ', '), digit: reading.winner, distance: best })
      : say('answer', this.locale, { digit: reading.winner, distance: best });
    for (const th of this.querySelectorAll<HTMLElement>('th[data-digit]')) th.classList.toggle('winner', reading.tied.includes(Number(th.dataset.digit)));
    for (const td of this.querySelectorAll<HTMLElement>('td[data-distance]')) {
      const d = Number(td.dataset.distance);
      td.textContent = formatDistance(reading.distances[d]);
      td.classList.toggle('winner', reading.tied.includes(d));
    }
    this.dataset.answer = String(reading.winner);
    this.chart?.show(reading);
  }
}

if (!customElements.get('rbf-explorer')) customElements.define('rbf-explorer', RbfExplorer);
