import { describe, expect, test } from 'vitest';
import { grow, networkAt, shapeText } from '../../src/widgets/c5-growth/model.ts';
import { drawMap } from '../../src/widgets/c5-growth/draw.ts';
import { describeSpecError } from '../../src/i18n.ts';

describe('C5 growth model', () => {
  test('32×32 (the paper): C5 is 120@1×1 with 48,120 parameters = connections', () => {
    const g = grow(32);
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.layers.map((l) => shapeText(l.output))).toEqual(['6@28×28', '6@14×14', '16@10×10', '16@5×5', '120@1×1', '84@1×1', '10@1×1']);
    expect([g.c5.params, g.c5.connections, g.kernel]).toEqual([48_120, 48_120, 5]);
  });

  test.each([[36, 2], [40, 3], [44, 4], [64, 9]])('input %i×%i: C5 maps grow to %i×%i, parameters stay, connections scale', (size, side) => {
    const g = grow(size);
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.c5.output).toEqual({ maps: 120, height: side, width: side });
    expect(g.c5.params).toBe(48_120);
    expect(g.c5.connections).toBe(48_120 * side * side);
  });

  test('too small an input is refused with the engine’s explanation, naming the layer', () => {
    const g = grow(28);
    expect(g.ok).toBe(false);
    if (g.ok) return;
    expect(g.error.message).toBe('C5: kernel size 5 is larger than the input 4×4 (allowed: 1 to 4)');
    expect(describeSpecError(g.error, 'zh-CN')).toBe('C5：卷积核大小 5 大于输入 4×4（允许：1 到 4）');
    const tiny = grow(8);
    expect(!tiny.ok && tiny.error.layer).toBe('C3');
  });

  test('networkAt changes only the input size', () => {
    const spec = networkAt(40);
    expect(spec.input).toEqual({ size: 40, channels: 1 });
    expect(spec.layers.map((l) => l.name)).toEqual(['C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'OUTPUT']);
  });

  test('drawMap draws one cell per unit and the kernel outline', () => {
    const svg = drawMap(3, 2, 'C5 3×2', 5);
    expect(svg.match(/<rect x=/g)).toHaveLength(6);
    expect(svg).toContain('class="kernel"');
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
