/**
 * The network diagram's pure model: from the engine's analysis, one drawing per layer — a stack
 * of square planes whose side grows with the maps' side, or a column of units for a layer whose
 * maps are 1×1 — and the operation that leads to the next layer. Sizes are in SVG user units
 * (drawn 1:1 in CSS pixels), so the boxes of all layers compare.
 */
import type { Analysis, LayerKind, LayerSpec, NetworkSpec, Shape } from '../../../engine/index.ts';

/** At most this many planes are drawn per stack; the label gives the true number. */
export const MAX_PLANES = 8;
/** Offset between stacked planes, and padding around a drawing. */
const STEP = 4;
const PAD = 2;

export type Drawing =
  | { kind: 'planes'; planes: number; side: number; width: number; height: number }
  | { kind: 'column'; units: number; barWidth: number; barHeight: number; width: number; height: number };

export interface DiagramItem {
  name: string;
  /** 'input' or the layer's kind. */
  kind: LayerKind | 'input';
  shape: Shape;
  drawing: Drawing;
  /** The operation that produces this layer from the previous one (none for the input). */
  op: { kind: LayerKind; size?: number } | undefined;
}

/** The side of a drawn plane for a map of `side` units: grows with the map, never vanishes. */
export const planeSide = (side: number): number => Math.round(10 + 2.2 * Math.min(side, 40));
/** The height of a column of `units` units. */
export const columnHeight = (units: number): number => Math.round(14 + 0.6 * Math.min(units, 160));

export function drawingOf(shape: Shape): Drawing {
  if (shape.height === 1 && shape.width === 1) {
    const barWidth = 12;
    const barHeight = columnHeight(shape.maps);
    return { kind: 'column', units: shape.maps, barWidth, barHeight, width: barWidth + 2 * PAD, height: barHeight + 2 * PAD };
  }
  const planes = Math.min(shape.maps, MAX_PLANES);
  const side = planeSide(Math.max(shape.height, shape.width));
  const extent = side + STEP * (planes - 1) + 2 * PAD;
  return { kind: 'planes', planes, side, width: extent, height: extent };
}

/** Top-left corner of plane `i` of a stack (the first plane at the back, top-left). */
export const planeAt = (i: number): { x: number; y: number } => ({ x: PAD + STEP * i, y: PAD + STEP * i });
export const columnAt = (): { x: number; y: number } => ({ x: PAD, y: PAD });

function opOf(layer: LayerSpec): DiagramItem['op'] {
  if (layer.kind === 'conv') return { kind: 'conv', size: layer.kernel };
  if (layer.kind === 'subsample') return { kind: 'subsample', size: layer.window };
  return { kind: layer.kind };
}

export function diagramOf(spec: NetworkSpec, analysis: Analysis): DiagramItem[] {
  return [
    { name: 'input', kind: 'input', shape: analysis.input, drawing: drawingOf(analysis.input), op: undefined },
    ...analysis.layers.map((l, i) => ({ name: l.name, kind: l.kind, shape: l.output, drawing: drawingOf(l.output), op: opOf(spec.layers[i]) })),
  ];
}
