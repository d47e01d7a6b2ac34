/**
 * One encoding for F6's state and the ten RBF codes, wherever the site draws them (the F6 and
 * Output chapters, the Playground): a unit's value on the codes' own scale, −1 … +1, in the site's
 * diverging palette (src/lib/draw.ts) — −1 blue, 0 near-white, +1 red. A code is all ±1, so it is
 * pure blue and red; F6's outputs are shades, and the few beyond ±1 (they reach ±1.7159) are drawn
 * as ±1. The same colour then means the same number in a code and in F6's drawing, so the
 * comparison the output layer makes can be seen.
 *
 * The terms of a distance, (xⱼ − wⱼ)², are another quantity with a scale of their own: 0 (F6 agrees
 * with the code) white, 4 (a full unit of the wrong sign) and beyond dark purple.
 */
import { diverging } from '../../lib/draw.ts';

/** F6 states and codes: −1 … +1. */
export const STATE_LIMIT = 1;
/** Terms (xⱼ − wⱼ)²: 0 … 4, the term of a unit at −1 where the code says +1. */
export const TERM_LIMIT = 4;

const rgb = ([r, g, b]: readonly number[]): string => `rgb(${r}, ${g}, ${b})`;

/** The colour of an F6 unit or a code cell of value v, as [r, g, b] (for canvases) or CSS. */
export function stateRgb(v: number): [number, number, number] {
  return diverging(v, STATE_LIMIT);
}
export const stateColour = (v: number): string => rgb(stateRgb(v));

const WHITE = [255, 255, 255];
const PURPLE = [63, 0, 125];

/** The colour of a term (xⱼ − wⱼ)² ≥ 0, as [r, g, b] or CSS. */
export function termRgb(t: number): [number, number, number] {
  if (!Number.isFinite(t)) return [128, 128, 128];
  const a = Math.min(1, Math.max(0, t / TERM_LIMIT));
  return WHITE.map((w, i) => Math.round(w + (PURPLE[i] - w) * a)) as [number, number, number];
}
export const termColour = (t: number): string => rgb(termRgb(t));

/** CSS gradients for the two legends, from the same functions. */
export const stateGradient = `linear-gradient(to right, ${stateColour(-1)}, ${stateColour(0)}, ${stateColour(1)})`;
export const termGradient = `linear-gradient(to right, ${termColour(0)}, ${termColour(TERM_LIMIT)})`;
