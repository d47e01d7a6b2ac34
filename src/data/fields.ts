/**
 * Build time: receptive fields the prose quotes, from the engine's `receptiveField` on the
 * paper's network. The Input chapter's padding argument (section II.B): the centres of C3's
 * receptive fields cover a 20×20 area in the middle of the 32×32 input.
 */
import { analyze, lenet5, receptiveField } from '../../engine/index.ts';

const spec = lenet5();
const c3 = analyze(spec).layers.find((l) => l.name === 'C3')!.output;
const onInput = (y: number, x: number) => receptiveField(spec, 'C3', { map: 0, y, x }).levels[0];

/** Input rows of the fields of C3's first and last rows of units (columns are the same). */
export const c3First = onInput(0, 0).rows;
export const c3Last = onInput(c3.height - 1, c3.width - 1).rows;
/** A 14-pixel field's centre falls between two pixels: the two rows around it. */
const centre = ([a, b]: [number, number]) => [Math.floor((a + b) / 2), Math.ceil((a + b) / 2)];
export const c3FirstCentre = centre(c3First);
export const c3LastCentre = centre(c3Last);
/** Rows from the first centre's upper pixel to the last centre's lower one: 6–25, 20 rows. */
export const c3CentreSpan = c3LastCentre[1] - c3FirstCentre[0] + 1;
export const c3FieldSide = c3First[1] - c3First[0] + 1;
