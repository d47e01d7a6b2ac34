import { describe, expect, test } from 'vitest';
import { analyze, lenet5 } from '../../engine/index.ts';
import { diagramOf, drawingOf, MAX_PLANES, planeSide } from '../../src/widgets/network-diagram/model.ts';

describe('network diagram model', () => {
  const spec = lenet5();
  const items = diagramOf(spec, analyze(spec));
  test('one item for the input and one per layer, each with the engine’s shape and the operation before it', () => {
    expect(items.map((i) => i.name)).toEqual(['input', 'C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'OUTPUT']);
    expect(items.map((i) => `${i.shape.maps}@${i.shape.height}×${i.shape.width}`))
      .toEqual(['1@32×32', '6@28×28', '6@14×14', '16@10×10', '16@5×5', '120@1×1', '84@1×1', '10@1×1']);
    expect(items.map((i) => i.op && `${i.op.kind}${i.op.size ?? ''}`))
      .toEqual([undefined, 'conv5', 'subsample2', 'conv5', 'subsample2', 'conv5', 'full', 'rbf']);
  });
  test('maps with a side are stacks of planes that shrink with the side; 1×1 maps are columns that grow with their number', () => {
    const [input, c1, s2, c3, s4, c5, f6, out] = items.map((i) => i.drawing);
    expect([input, c1, s2, c3, s4].every((d) => d.kind === 'planes')).toBe(true);
    expect([c5, f6, out].every((d) => d.kind === 'column')).toBe(true);
    const sides = [input, c1, s2, c3, s4].map((d) => (d.kind === 'planes' ? d.side : 0));
    expect([...sides].sort((a, b) => b - a)).toEqual(sides);
    expect(c3.kind === 'planes' && c3.planes).toBe(MAX_PLANES);
    expect(c1.kind === 'planes' && c1.planes).toBe(6);
    const heights = [c5, f6, out].map((d) => (d.kind === 'column' ? d.barHeight : 0));
    expect(heights[0]).toBeGreaterThan(heights[1]);
    expect(heights[1]).toBeGreaterThan(heights[2]);
  });
  test('every drawing has a positive, finite size, even for huge or tiny layers', () => {
    for (const shape of [{ maps: 1, height: 1, width: 1 }, { maps: 4096, height: 4096, width: 4096 }, { maps: 3, height: 2, width: 2 }]) {
      const d = drawingOf(shape);
      expect(Number.isFinite(d.width) && d.width > 0 && Number.isFinite(d.height) && d.height > 0).toBe(true);
    }
    expect(planeSide(1)).toBeGreaterThan(0);
  });
});
