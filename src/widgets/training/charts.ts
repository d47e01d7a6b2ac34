/**
 * The two live curves (training loss, test accuracy). Chart.js draws them in a worker of their
 * own (chart-worker.ts) on OffscreenCanvases, so the page's main thread only posts points.
 * Colours come from Starlight's CSS variables (light and dark themes); `addPoint` refuses
 * anything that is not a finite number, so no NaN ever reaches a chart.
 */
import { chartable, thin } from './model.ts';

type Point = { x: number; y: number };

export type ToChartWorker =
  | { type: 'create'; id: string; canvas: OffscreenCanvas; xLabel: string; yLabel: string; y: { min?: number; max?: number }; width: number; height: number; dpr: number }
  | { type: 'colours'; id: string; text: string; grid: string; accent: string }
  | { type: 'points'; id: string; points: Point[] }
  | { type: 'x-max'; id: string; max: number }
  | { type: 'resize'; id: string; width: number; height: number; dpr: number };

let worker: Worker | undefined;
const post = (m: ToChartWorker, transfer: Transferable[] = []): void => {
  worker ??= new Worker(new URL('./chart-worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage(m, transfer);
};

function colour(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

let nextId = 0;

export class Curve {
  private readonly id = `curve-${nextId++}`;
  private readonly canvas: HTMLCanvasElement;
  private points: Point[] = [];
  private dirty = false;

  constructor(canvas: HTMLCanvasElement, xLabel: string, yLabel: string, y: { min?: number; max?: number } = {}) {
    this.canvas = canvas;
    const offscreen = canvas.transferControlToOffscreen();
    const { width, height } = canvas.getBoundingClientRect();
    post({ type: 'create', id: this.id, canvas: offscreen, xLabel, yLabel, y, width: Math.max(1, width), height: Math.max(1, height), dpr: devicePixelRatio }, [offscreen]);
    this.recolour();
    new ResizeObserver(([entry]) => {
      const { width: w, height: h } = entry.contentRect;
      if (w > 0 && h > 0) post({ type: 'resize', id: this.id, width: w, height: h, dpr: devicePixelRatio });
    }).observe(canvas);
  }

  /** Reads the theme's colours again (after a light/dark switch). */
  recolour(): void {
    post({
      type: 'colours', id: this.id, text: colour(this.canvas, '--sl-color-gray-2', '#444'),
      grid: colour(this.canvas, '--sl-color-gray-5', '#ddd'), accent: colour(this.canvas, '--sl-color-accent', '#36c'),
    });
  }

  setXMax(max: number): void {
    post({ type: 'x-max', id: this.id, max });
  }

  addPoint(x: number, y: number): boolean {
    if (!chartable(x, y)) return false;
    this.points.push({ x, y });
    this.points = thin(this.points);
    this.dirty = true;
    return true;
  }

  get length(): number {
    return this.points.length;
  }

  clear(): void {
    this.points = [];
    this.dirty = true;
    this.draw();
  }

  /** Sends the points if any were added since the last draw. */
  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    post({ type: 'points', id: this.id, points: this.points });
    // For readers of the DOM (and the browser tests): how many points the curve has.
    this.canvas.dataset.points = String(this.points.length);
  }
}
