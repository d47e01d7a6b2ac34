/**
 * Repaints an F6Compare block (F6Compare.astro) for a new F6 state: the state, the nearest code,
 * the terms of their distance, and the distance written out. The numbers come from the engine
 * through model.ts; the colours from encoding.ts, the one scale of F6 and the codes.
 */
import { compareWithNearest, type Comparison } from './model.ts';
import { stateColour, termColour } from './encoding.ts';
import { comparisonWords } from './compare-words.ts';
import type { Lang } from '../../i18n.ts';

function paintGrid(root: Element, kind: string, values: ArrayLike<number>, colour: (v: number) => string, caption?: string): void {
  const figure = root.querySelector(`[data-grid="${kind}"]`);
  if (!figure) return;
  figure.querySelectorAll<SVGRectElement>('rect[data-unit]').forEach((rect, j) => {
    rect.setAttribute('fill', colour(values[j]));
    rect.dataset.value = String(values[j]);
  });
  if (caption) {
    figure.querySelector('[data-grid-svg]')!.setAttribute('aria-label', caption);
    figure.querySelector('[data-grid-caption]')!.textContent = caption;
  }
}

/** Repaints `root` for `state`, beside the nearest code or, with `target`, beside that digit's code. */
export function paintComparison(root: HTMLElement, state: ArrayLike<number>, lang: Lang, target?: number): Comparison {
  const c = compareWithNearest(state, target);
  const w = comparisonWords(c, lang);
  paintGrid(root, 'state', state, stateColour);
  paintGrid(root, 'code', c.code, stateColour, w.codeCaption);
  paintGrid(root, 'terms', c.terms, termColour, w.termsCaption);
  root.querySelector('[data-distance]')!.textContent = w.distance;
  root.dataset.nearest = String(c.nearest);
  return c;
}
