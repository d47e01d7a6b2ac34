/**
 * Presentation only: everything the widget shows for one map at one coefficient and bias —
 * the four drawn maps, the squash plot and the printed readouts — as strings. The build-time
 * render and the custom element both call this, so they cannot show different things.
 */
import { drawMap, drawSquash, MAP_PX } from './draw.ts';
import { fixed, readout, type SubsamplingLab } from './model.ts';
import { words as w } from './words.ts';
import type { Lang } from '../../i18n.ts';

export type Drawn = 'input' | 'trainable' | 'average' | 'max' | 'curve';
export type Printed = 'sum' | 'pre' | 'out' | 'range' | 'saturated';

export interface View {
  svg: Record<Drawn, string>;
  text: Record<Printed, string>;
}

export function view(lab: SubsamplingLab, coefficient: number, bias: number, lang: Lang): View {
  const result = lab.trainable(coefficient, bias);
  const r = readout(lab, result);
  const inSize = lab.map.size;
  const size = result.size;
  const row = Math.floor(lab.focus / size);
  const col = lab.focus % size;
  const outMark = { row, col, side: 1 };
  const out = (values: ArrayLike<number>, name: 'trainable' | 'average' | 'max') =>
    drawMap(values, size, MAP_PX, `${w[name][lang]} ${size}×${size}`, outMark);
  return {
    svg: {
      input: drawMap(lab.map.values, inSize, MAP_PX, `${w.input[lang]} ${inSize}×${inSize}`, { row: row * lab.window, col: col * lab.window, side: lab.window }),
      trainable: out(result.out, 'trainable'),
      average: out(lab.average.out, 'average'),
      max: out(lab.max.out, 'max'),
      curve: drawSquash(result.pre, result.out, lab.focus, w.curve[lang]),
    },
    text: {
      sum: fixed(r.sum, 3),
      pre: fixed(r.pre, 3),
      out: fixed(r.out, 3),
      range: `${fixed(r.min)} … ${fixed(r.max)}`,
      saturated: `${r.saturated} ${w.of[lang]} ${r.units}`,
    },
  };
}
