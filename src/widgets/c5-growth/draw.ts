/**
 * Presentation only: a feature map drawn cell by cell as SVG, optionally with a kernel's
 * footprint over its top-left corner. Used for the build-time render and in the browser, so
 * both show the same picture. Every map is drawn at the same cell size, so sizes compare.
 */
export const CELL = 16;

export function drawMap(rows: number, cols: number, label: string, kernel = 0): string {
  const w = cols * CELL;
  const h = rows * CELL;
  let cells = '';
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      cells += `<rect x="${x * CELL}" y="${y * CELL}" width="${CELL - 2}" height="${CELL - 2}" rx="2"/>`;
    }
  }
  const box = kernel > 0 ? `<rect class="kernel" x="-1" y="-1" width="${kernel * CELL}" height="${kernel * CELL}" rx="3"/>` : '';
  return `<svg viewBox="-2 -2 ${w + 2} ${h + 2}" width="${w + 2}" height="${h + 2}" role="img" aria-label="${label}"><g class="cells">${cells}</g>${box}</svg>`;
}
