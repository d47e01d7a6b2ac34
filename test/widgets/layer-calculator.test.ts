import { describe, expect, test } from 'vitest';
import { compute, networkFor, paperLayer, paperSettings } from '../../src/widgets/layer-calculator/model.ts';
import { describeSpecError } from '../../src/i18n.ts';

describe('layer calculator model', () => {
  test('the paper’s settings reproduce each layer’s golden counts', () => {
    const golden: Record<string, [number, number]> = { C1: [156, 122_304], S2: [12, 5_880], C3: [1_516, 151_600], S4: [32, 2_000], C5: [48_120, 48_120], F6: [10_164, 10_164] };
    for (const [name, [params, connections]] of Object.entries(golden)) {
      const paper = paperLayer(name);
      const r = compute(paper, paperSettings(paper));
      expect(r.ok && [r.report.params, r.report.connections]).toEqual([params, connections]);
    }
  });
  test('C3 keeps Table I while it fits and drops it when the map counts change', () => {
    const paper = paperLayer('C3');
    const kept = compute(paper, { kernel: 3 });
    expect(kept.ok && kept.usesTable && kept.report.params).toBe(6 * 28 + 9 * 37 + 55);
    const dropped = compute(paper, { maps: 10 });
    expect(dropped.ok && !dropped.usesTable && dropped.report.params).toBe(10 * (6 * 25 + 1));
    expect(networkFor(paper, { maps: 10 }).layers[0]).not.toHaveProperty('table', expect.anything());
  });
  test('an impossible setting names the control that caused it', () => {
    const r = compute(paperLayer('S2'), { window: 30 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.control).toBe('window');
      expect(r.error.message).toBe('S2: window size 30 is larger than the input 28×28 (allowed: 1 to 28)');
      expect(describeSpecError(r.error, 'zh-CN')).toBe('S2：窗口大小 30 大于输入 28×28（允许：1 到 28）');
    }
  });
  test('stride 0 points at the stride control; Chinese wording of a range', () => {
    const r = compute(paperLayer('C1'), { stride: 0 });
    expect(!r.ok && r.control).toBe('stride');
    if (!r.ok) expect(describeSpecError(r.error, 'zh-CN')).toBe('C1：步长 0 不是允许范围内的整数（允许：1 到 4096 之间的整数）');
  });
});
