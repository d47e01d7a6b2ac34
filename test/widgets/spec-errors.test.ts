/**
 * The engine's newer refusals as the widgets show them: a calculator pushed to its largest
 * settings asks for counts past 2^53 − 1, and the refusal reads in both languages.
 */
import { describe, expect, it } from 'vitest';
import { compute, paperLayer } from '../../src/widgets/layer-calculator/model.ts';
import { describeSpecError } from '../../src/i18n.ts';

describe('a calculator at its largest settings', () => {
  // C1 on 4,096 maps of 4,096² padded by 4,095, kernel 4,096, 4,096 maps: 4,096² output positions
  // along each axis see 4,096² real taps in all (see analyze.test.ts), so 4,096·4,096·2^48 ≈ 4.7·10^21 MACs.
  const r = compute(paperLayer('C1'), { inputSize: 4096, inputMaps: 4096, kernel: 4096, padding: 4095, maps: 4096 });
  it('is refused, not shown rounded, and the message names the count', () => {
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.control).toBeUndefined();
    expect(describeSpecError(r.error, 'en')).toBe('C1: connections ≈ 4.7 × 10^21 is too large to count exactly (allowed: at most 2^53 − 1 = 9,007,199,254,740,991)');
    expect(describeSpecError(r.error, 'zh-CN')).toBe('C1：连接数 ≈ 4.7 × 10^21 太大，双精度数无法精确表示（允许：不超过 2^53 − 1 = 9,007,199,254,740,991）');
  });
  it('a full layer at the same largest settings stays below 2^53 and is counted exactly', () => {
    const f6 = compute(paperLayer('F6'), { inputSize: 4096, inputMaps: 4096, units: 4096 });
    expect(f6.ok && f6.report.params).toBe((4096 * 4096 * 4096 + 1) * 4096);
  });
});
