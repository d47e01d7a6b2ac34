/**
 * Repaints an F6Compare block (F6Compare.astro) for a new F6 state: the state, the nearest code,
 * the terms of their distance, and the distance written out. The numbers come from the engine
 * through model.ts; the colours from encoding.ts, the one scale of F6 and the codes.
 */
import { compareWithNearest, type Comparison } from './model.ts';
import { stateRgb, termRgb } from './encoding.ts';
import { comparisonWords } from './compare-words.ts';
import type { Lang } from '../../i18n.ts';

/** Paints one 7×12 grid, one canvas pixel per unit, and keeps its numbers on the canvas (data-values). */
function paintGrid(root: Element, kind: string, values: ArrayLike<number>, colour: (v: number) => [number, number, number], caption?: string): void {
  const figure = root.querySelector(`[data-grid="${kind}"]`);
  if (!figure) return;
  const canvas = figure.querySelector<HTMLCanvasElement>('canvas')!;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    const image = ctx.createImageData(canvas.width, canvas.height);
    for (let j = 0; j < values.length; j++) image.data.set([...colour(values[j]), 255], 4 * j);
    ctx.putImageData(image, 0, 0);
  }
  canvas.dataset.values = Array.from(values, String).join(' ');
  if (caption) {
    canvas.setAttribute('aria-label', caption);
    figure.querySelector('[data-grid-caption]')!.textContent = caption;
  }
}

/**
 * Repaints `root` for `state`, beside the nearest code or, with `target`, beside that digit's code;
 * `distances`: the ten RBF outputs of the same forward pass, if the caller has them.
 */
export function paintComparison(root: HTMLElement, state: ArrayLike<number>, lang: Lang, target?: number, distances?: readonly number[]): Comparison {
  const c = compareWithNearest(state, target, distances);
  const w = comparisonWords(c, lang);
  paintGrid(root, 'state', state, stateRgb);
  paintGrid(root, 'code', c.code, stateRgb, w.codeCaption);
  paintGrid(root, 'terms', c.terms, termRgb, w.termsCaption);
  root.querySelector('[data-compare-distance]')!.textContent = w.distance;
  root.dataset.nearest = String(c.nearest);
  return c;
}
