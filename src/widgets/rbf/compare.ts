/**
 * Repaints an F6Compare block (F6Compare.astro) for a new F6 state: the state, the nearest code,
 * the terms of their distance, and the distance written out. The numbers come from the engine
 * through model.ts; the colours from encoding.ts, the one scale of F6 and the codes.
 */
import { compareWithNearest, type Comparison } from './model.ts';
import { stateColour, termColour } from './encoding.ts';
import { comparisonWords } from './compare-words.ts';
import type { Lang } from '../../i18n.ts';

/** The colours each grid was last painted with, so that a repaint touches only the cells that change. */
const painted = new WeakMap<Element, string[]>();

function paintGrid(root: Element, kind: string, values: ArrayLike<number>, colour: (v: number) => string, caption?: string): void {
  const figure = root.querySelector(`[data-grid="${kind}"]`);
  if (!figure) return;
  const svg = figure.querySelector<SVGSVGElement>('[data-grid-svg]')!;
  const last = painted.get(svg) ?? [];
  figure.querySelectorAll<SVGRectElement>('rect[data-unit]').forEach((rect, j) => {
    const fill = colour(values[j]);
    if (last[j] !== fill) rect.setAttribute('fill', fill);
    last[j] = fill;
  });
  painted.set(svg, last);
  svg.dataset.values = Array.from(values, String).join(' ');
  if (caption) {
    svg.setAttribute('aria-label', caption);
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
  paintGrid(root, 'state', state, stateColour);
  paintGrid(root, 'code', c.code, stateColour, w.codeCaption);
  paintGrid(root, 'terms', c.terms, termColour, w.termsCaption);
  root.querySelector('[data-compare-distance]')!.textContent = w.distance;
  root.dataset.nearest = String(c.nearest);
  return c;
}
