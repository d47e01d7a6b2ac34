/**
 * The two live curves (training loss, test accuracy) with Chart.js, loaded only when a run
 * starts. Colours come from Starlight's CSS variables, so light and dark themes both work;
 * `addPoint` refuses anything that is not a finite number, so no NaN ever reaches a chart.
 */
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { chartable, thin } from './model.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);

function colour(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

export class Curve {
  readonly chart: Chart<'line', { x: number; y: number }[]>;
  private readonly canvas: HTMLCanvasElement;

  constructor(canvas: HTMLCanvasElement, xLabel: string, yLabel: string, y: { min?: number; max?: number } = {}) {
    this.canvas = canvas;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ data: [], borderWidth: 2, pointRadius: 0, tension: 0 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: xLabel } },
          y: { type: 'linear', ...y, title: { display: true, text: yLabel } },
        },
      },
    });
    this.recolour();
  }

  /** Reads the theme's colours again (after a light/dark switch). */
  recolour(): void {
    const text = colour(this.canvas, '--sl-color-gray-2', '#444');
    const grid = colour(this.canvas, '--sl-color-gray-5', '#ddd');
    const accent = colour(this.canvas, '--sl-color-accent', '#36c');
    const o = this.chart.options;
    for (const axis of ['x', 'y'] as const) {
      const s = o.scales![axis]!;
      s.ticks = { ...s.ticks, color: text };
      s.grid = { ...s.grid, color: grid };
      (s as { title: { color?: string } }).title.color = text;
    }
    const d = this.chart.data.datasets[0];
    d.borderColor = accent;
    d.backgroundColor = accent;
    d.pointRadius = this.chart.data.datasets[0].data.length < 30 ? 3 : 0;
    this.chart.update('none');
  }

  setXMax(max: number): void {
    this.chart.options.scales!.x!.max = max;
  }

  private dirty = false;

  addPoint(x: number, y: number): boolean {
    if (!chartable(x, y)) return false;
    const d = this.chart.data.datasets[0];
    d.data.push({ x, y });
    d.data = thin(d.data);
    this.dirty = true;
    return true;
  }

  get length(): number {
    return this.chart.data.datasets[0].data.length;
  }

  clear(): void {
    this.chart.data.datasets[0].data = [];
    this.chart.update('none');
    this.canvas.dataset.points = '0';
  }

  /** Redraws if points were added since the last draw. */
  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.chart.data.datasets[0].pointRadius = this.length < 30 ? 3 : 0;
    this.chart.update('none');
    // For readers of the DOM (and the browser tests): how many points the curve has.
    this.canvas.dataset.points = String(this.length);
  }
}
