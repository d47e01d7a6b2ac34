/**
 * <rbf-explorer>: the reader picks where F6's state starts (a code, or a real test digit's F6
 * state), flips units on the 7×12 grid (click, or Space/Enter; arrow keys move), and the ten RBF
 * distances — computed by the engine through model.ts — update in the chart, the answer line and
 * the table.
 */
import { distanceChart, type DistanceChart } from './chart.ts';
import { flipUnit, formatDistance, parseSource, readState, stateFromCode } from './model.ts';
import { stateColour } from './encoding.ts';
import { paintComparison } from './compare.ts';
import type { SampleF6 } from './samples.ts';
import { say } from './words.ts';
import { decodeDigits, type PageDigit } from '../../lib/digits.ts';
import { paintGrey } from '../../lib/draw.ts';
import type { Lang } from '../../i18n.ts';

const COLS = 7;

class RbfExplorer extends HTMLElement {
  private locale: Lang = 'en';
  private state: Float32Array = new Float32Array(0);
  private startState: Float32Array = new Float32Array(0);
  private samples: SampleF6[] = [];
  private digits: PageDigit[] = [];
  private chart: DistanceChart | undefined;

  connectedCallback(): void {
    this.locale = this.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
    if (this.dataset.samples) {
      this.samples = JSON.parse(this.dataset.samples) as SampleF6[];
      this.digits = decodeDigits(this.dataset.pixels ?? '', this.samples.map(({ index, label }) => ({ index, label })));
    }
    const select = this.querySelector<HTMLSelectElement>('[data-start-select]')!;
    this.chart = distanceChart(this.querySelector('canvas[data-chart]')!, {
      x: say('digitAxis', this.locale), y: say('distanceAxis', this.locale), value: say('distance', this.locale),
    });
    select.addEventListener('change', () => this.startFrom(select.value));
    this.querySelector('[data-random]')?.addEventListener('click', () => this.flipRandom(5));
    this.cells().forEach((cell, j) => {
      cell.addEventListener('click', () => this.flip(j));
      cell.addEventListener('keydown', (e) => this.move(e, j));
    });
    this.startFrom(select.value);
  }

  disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private cells(): HTMLButtonElement[] {
    return [...this.querySelectorAll<HTMLButtonElement>('button[data-unit]')];
  }

  private startFrom(value: string): void {
    const source = parseSource(value);
    const sample = source.kind === 'sample' ? this.samples.find((s) => s.label === source.digit) : undefined;
    this.startState = sample ? Float32Array.from(sample.f6) : stateFromCode(source.digit);
    this.state = Float32Array.from(this.startState);
    const line = this.querySelector<HTMLElement>('[data-sample-line]');
    if (line) {
      line.hidden = !sample;
      const digit = sample && this.digits.find((d) => d.label === sample.label);
      if (sample && digit) {
        paintGrey(line.querySelector<HTMLCanvasElement>('[data-thumb]')!, digit.pixels, 28, 28);
        line.querySelector('[data-sample-text]')!.textContent = say('sampleSource', this.locale, { digit: sample.label, index: sample.index });
      }
    }
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
    let flipped = 0;
    this.cells().forEach((cell, j) => {
      const x = this.state[j];
      cell.setAttribute('aria-pressed', String(x > 0));
      cell.style.background = stateColour(x);
      const changed = x !== this.startState[j];
      cell.classList.toggle('changed', changed);
      if (changed) flipped++;
    });
    this.querySelector('[data-flipped]')!.textContent = say('flipped', this.locale, { n: flipped });
    const reading = readState(this.state);
    const best = formatDistance(reading.distances[reading.winner]);
    this.querySelector('[data-answer]')!.textContent = reading.tied.length > 1
      ? say('tie', this.locale, { digits: reading.tied.join(this.locale === 'zh-CN' ? '、' : ', '), digit: reading.winner, distance: best })
      : say('answer', this.locale, { digit: reading.winner, distance: best });
    for (const item of this.querySelectorAll<HTMLElement>('li[data-digit]')) {
      const d = Number(item.dataset.digit);
      item.querySelector('[data-distance]')!.textContent = formatDistance(reading.distances[d]);
      item.classList.toggle('winner', reading.tied.includes(d));
    }
    this.dataset.answer = String(reading.winner);
    paintComparison(this.querySelector('[data-f6-compare]')!, this.state, this.locale);
    this.chart?.show(reading);
  }
}

if (!customElements.get('rbf-explorer')) customElements.define('rbf-explorer', RbfExplorer);
