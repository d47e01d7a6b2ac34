/**
 * Presentation only: feature maps as SVG images in the site’s activation colours and the squashing curve with every unit of
 * the current output placed on it. Pure string builders, used at build time and in the browser.
 */
import { SQUASH_A, squash } from '../../../engine/index.ts';
import { diverging } from '../../lib/draw.ts';

/** Side of every drawn map in CSS pixels: maps of different sizes are drawn equally large. */
export const MAP_PX = 168;

/** The site's activation palette on the squash's range ±1.7159 (src/lib/draw.ts), as a short SVG fill: #rrggbb. */
export function fillOf(v: number): string {
  return `#${diverging(v, SQUASH_A).map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A size×size map, drawn `px` pixels across, as an SVG image in the site's activation colours:
 * one unit square per value (the viewBox is in units, so the markup stays small). `mark`
 * outlines one square block of cells (row, column, side in cells), e.g. the window that feeds
 * the unit being explained.
 */
export function drawMap(values: ArrayLike<number>, size: number, px: number, label: string,
  mark?: { row: number; col: number; side: number }): string {
  let cells = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) cells += `<rect x="${x}" y="${y}" width="1.02" height="1.02" fill="${fillOf(values[y * size + x])}"/>`;
  }
  // Two outlines, dark under light, so the mark shows on red, blue and white alike.
  const rect = (cls: string) => `<rect class="${cls}" x="${mark!.col}" y="${mark!.row}" width="${mark!.side}" height="${mark!.side}" vector-effect="non-scaling-stroke"/>`;
  const box = mark ? rect('mark-under') + rect('mark') : '';
  return `<svg viewBox="0 0 ${size} ${size}" width="${px}" height="${px}" role="img" aria-label="${label}" shape-rendering="crispEdges">${cells}${box}</svg>`;
}

/** Width, height and the a-range of the squash plot. */
const W = 280;
const H = 150;
const A_RANGE = 6;

/**
 * f(a) = 1.7159·tanh(2a/3) for a in ±6, with one dot per output unit at (pre, out); units beyond
 * the range sit on its edge. The focus unit is drawn larger.
 */
export function drawSquash(pre: ArrayLike<number>, out: ArrayLike<number>, focus: number, label: string): string {
  const sx = (a: number) => ((Math.max(-A_RANGE, Math.min(A_RANGE, a)) + A_RANGE) / (2 * A_RANGE)) * (W - 20) + 10;
  const sy = (f: number) => H / 2 - (f / (SQUASH_A * 1.15)) * (H / 2 - 6);
  let curve = '';
  for (let i = 0; i <= 120; i++) {
    const a = -A_RANGE + (i / 120) * 2 * A_RANGE;
    curve += `${i === 0 ? 'M' : 'L'}${sx(a).toFixed(1)} ${sy(squash(a)).toFixed(1)}`;
  }
  let dots = '';
  for (let i = 0; i < pre.length; i++) {
    if (i !== focus) dots += `<circle cx="${sx(pre[i]).toFixed(1)}" cy="${sy(out[i]).toFixed(1)}" r="2.5"/>`;
  }
  const focusDot = pre.length > focus ? `<circle class="focus" cx="${sx(pre[focus]).toFixed(1)}" cy="${sy(out[focus]).toFixed(1)}" r="5"/>` : '';
  const axes = `<path class="axis" d="M10 ${H / 2}H${W - 10}M${W / 2} 4V${H - 4}"/>` +
    `<path class="ceiling" d="M10 ${sy(SQUASH_A).toFixed(1)}H${W - 10}M10 ${sy(-SQUASH_A).toFixed(1)}H${W - 10}"/>`;
  const ticks = `<text x="${W - 12}" y="${H / 2 - 4}" text-anchor="end">a</text>` +
    `<text x="${W / 2 + 4}" y="${sy(SQUASH_A) - 3}">+1.72</text><text x="${W / 2 + 4}" y="${sy(-SQUASH_A) + 11}">−1.72</text>` +
    `<text x="12" y="${H / 2 + 12}">−${A_RANGE}</text><text x="${W - 12}" y="${H / 2 + 12}" text-anchor="end">+${A_RANGE}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${label}">${axes}${ticks}<path class="curve" d="${curve}"/><g class="dots">${dots}</g>${focusDot}</svg>`;
}
