import { describe, expect, test } from 'vitest';
import { analyze, lenet5 } from '../../engine/index.ts';
import { computeNetwork, editedNetwork, paperEditorSettings } from '../../src/widgets/network-editor/model.ts';
import { describeSpecError } from '../../src/i18n.ts';

describe('network editor model', () => {
  test('the paper’s settings give the paper’s network: 60,000 parameters and 340,908 connections', () => {
    const paper = paperEditorSettings();
    expect(paper).toEqual({ inputSize: 32, c1Maps: 6, c1Kernel: 5 });
    const r = computeNetwork(paper);
    expect(r.ok && [r.analysis.total.params, r.analysis.total.connections, r.c3TableKept]).toEqual([60_000, 340_908, true]);
    expect(r.ok && r.analysis).toEqual(analyze(lenet5()));
  });
  test('8 C1 maps: every later layer is re-analysed and C3 becomes fully connected (Table I needs 6 maps)', () => {
    const r = computeNetwork({ inputSize: 32, c1Maps: 8, c1Kernel: 5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.c3TableKept).toBe(false);
    const c3 = r.analysis.layers.find((l) => l.name === 'C3')!;
    expect(c3.params).toBe((8 * 25 + 1) * 16);
    const spec = lenet5();
    const c1 = spec.layers[0];
    if (c1.kind === 'conv') c1.maps = 8;
    const c3Spec = spec.layers[2];
    if (c3Spec.kind === 'conv') delete c3Spec.table;
    expect(r.analysis.total).toEqual(analyze(spec).total);
  });
  test('a larger input makes C5’s maps larger than 1×1, and F6 sees all of them', () => {
    const r = computeNetwork({ inputSize: 40, c1Maps: 6, c1Kernel: 5 });
    expect(r.ok && r.analysis.layers.map((l) => `${l.output.maps}@${l.output.height}×${l.output.width}`))
      .toEqual(['6@36×36', '6@18×18', '16@14×14', '16@7×7', '120@3×3', '84@1×1', '10@1×1']);
    expect(r.ok && r.analysis.layers[5].params).toBe((120 * 9 + 1) * 84);
  });
  test('the spec is a fresh copy each time: the paper’s lenet5() is not modified', () => {
    editedNetwork({ inputSize: 20, c1Maps: 3, c1Kernel: 3 });
    expect(analyze(lenet5()).total.params).toBe(60_000);
  });
  test('a C1 kernel larger than the input points at the kernel control', () => {
    const r = computeNetwork({ inputSize: 32, c1Maps: 6, c1Kernel: 33 });
    expect(!r.ok && r.control).toBe('c1Kernel');
  });
  test('a kernel that leaves C5 without room is explained as a later layer’s refusal', () => {
    const r = computeNetwork({ inputSize: 32, c1Maps: 6, c1Kernel: 9 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.control).toBeUndefined();
    expect(r.error.message).toBe('C5: kernel size 5 is larger than the input 4×4 (allowed: 1 to 4)');
    expect(describeSpecError(r.error, 'zh-CN')).toBe('C5：卷积核大小 5 大于输入 4×4（允许：1 到 4）');
  });
  test('0 feature maps and a 0 input size point at their controls', () => {
    const maps = computeNetwork({ inputSize: 32, c1Maps: 0, c1Kernel: 5 });
    expect(!maps.ok && maps.control).toBe('c1Maps');
    const size = computeNetwork({ inputSize: 0, c1Maps: 6, c1Kernel: 5 });
    expect(!size.ok && size.control).toBe('inputSize');
  });
  test('an input of 28 breaks the chain at C5: the layers before it as the engine builds them, by hand 24, 12, 8, 4', () => {
    const r = computeNetwork({ inputSize: 28, c1Maps: 6, c1Kernel: 5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.control).toBeUndefined();
    expect(r.chain?.input).toEqual({ maps: 1, height: 28, width: 28 });
    expect(r.chain?.built.map((l) => [l.name, l.output.height])).toEqual([['C1', 24], ['S2', 12], ['C3', 8], ['S4', 4]]);
    expect(r.chain?.failed).toBe('C5');
    expect(r.chain?.notReached).toEqual(['F6', 'OUTPUT']);
    // Each built layer carries the engine's full report, the same as in a network that stops there.
    const spec = editedNetwork({ inputSize: 28, c1Maps: 6, c1Kernel: 5 }).spec;
    expect(r.chain?.built).toEqual(analyze({ ...spec, layers: spec.layers.slice(0, 4) }).layers);
    // No padding anywhere, so the message does not speak of a padded input.
    expect(r.error.message).toBe('C5: kernel size 5 is larger than the input 4×4 (allowed: 1 to 4)');
  });
  test('a refusal in C1 itself: the chain is the input alone; a refused input size has no chain', () => {
    const c1 = computeNetwork({ inputSize: 32, c1Maps: 6, c1Kernel: 33 });
    expect(!c1.ok && [c1.chain?.built, c1.chain?.failed, c1.chain?.input.height]).toEqual([[], 'C1', 32]);
    const size = computeNetwork({ inputSize: 0, c1Maps: 6, c1Kernel: 5 });
    expect(!size.ok && size.chain).toBeUndefined();
  });
  test('in Chinese, the place the engine names is Chinese too: no "input：" prefix', () => {
    const size = computeNetwork({ inputSize: 0, c1Maps: 6, c1Kernel: 5 });
    if (size.ok) throw new Error('0 should be refused');
    expect(size.error.layer).toBe('input');
    const zh = describeSpecError(size.error, 'zh-CN');
    expect(zh).toMatch(/^输入：输入尺寸 0 /);
    expect(zh).not.toMatch(/[A-Za-z]/);
  });
});
