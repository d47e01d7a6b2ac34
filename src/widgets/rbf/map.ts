/**
 * The MAP-loss widget's pure part: the numbers come from the engine (`mapBreakdown`, loss.ts);
 * this module only writes them the way the page shows them, including the vanishingly small
 * shares that a trained network's confident answers give the wrong classes.
 */
import { mapBreakdown, rbfLoss, type MapBreakdown } from '../../../engine/index.ts';

/** The j slider: whole numbers from 1 to 60. The paper gives no value; the project trains with MAP_J. */
export const J_MIN = 1;
export const J_MAX = 60;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (n: number): string => String(n).replace('-', '⁻').replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);

/**
 * A number as the widget prints it: 3 significant figures, and for magnitudes under 0.001 a
 * power of ten with superscripts ("3.40 × 10⁻¹⁷"), so that the tiny pushes are told apart from 0.
 */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`MAP widget: ${x} is not a number it can show`);
  if (x === 0) return '0';
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (a >= 0.001) return sign + a.toLocaleString('en-US', { maximumSignificantDigits: 3, minimumSignificantDigits: 3 });
  const e = Math.floor(Math.log10(a));
  const m = a / 10 ** e;
  return `${sign}${m.toFixed(2)} × 10${sup(e)}`;
}

/** A distance in the formula: two decimals. */
export const formatDistance2 = (y: number): string => y.toFixed(2);

export interface MapView extends MapBreakdown {
  /** The class the network answers (the smallest distance). */
  answer: number;
  /** Σ of the wrong classes' shares: the whole push of the competitive term. */
  pushTotal: number;
}

export function mapView(distances: readonly number[], label: number, j: number): MapView {
  const b = mapBreakdown(distances, label, j);
  return { ...b, answer: rbfLoss().predict(distances), pushTotal: b.share.reduce((s, p, i) => (i === label ? s : s + p), 0) };
}

/** Parses the slider's value; anything else than a whole number in range is refused with the range. */
export function parseJ(text: string): number {
  const j = Number(text);
  if (!Number.isInteger(j) || j < J_MIN || j > J_MAX) throw new RangeError(`j must be a whole number from ${J_MIN} to ${J_MAX}, not ${text}`);
  return j;
}
