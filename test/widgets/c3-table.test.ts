import { describe, expect, test } from 'vitest';
import { C3_MAPS, S2_MAPS, denseTable, evaluate, familyOf, familyRuns, isConnected, networkWith, paperTable, presetOf, randomTable, toggle } from '../../src/widgets/c3-table/model.ts';
import { describeSpecError } from '../../src/i18n.ts';
import { analyze, c3Table } from '../../engine/index.ts';

describe('C3 connection table model', () => {
  test('16 C3 maps over 6 S2 maps; the paper’s table costs 1,516 parameters and 151,600 connections', () => {
    expect([C3_MAPS, S2_MAPS]).toEqual([16, 6]);
    expect(paperTable()).toEqual(c3Table);
    const r = evaluate(paperTable());
    expect(r.ok && [r.c3.params, r.c3.connections, r.total.params]).toEqual([1_516, 151_600, 60_000]);
    expect(presetOf(paperTable())).toBe('paper');
  });
  test('a dense C3 costs 2,416 parameters, 241,600 connections and 900 more network parameters', () => {
    const r = evaluate(denseTable());
    expect(r.ok && [r.c3.params, r.c3.connections, r.total.params]).toEqual([2_416, 241_600, 60_900]);
    expect(presetOf(denseTable())).toBe('dense');
  });
  test('toggling a cell adds or removes one 5×5 kernel (25 parameters, 2,500 connections), as the engine counts', () => {
    const on = toggle(paperTable(), 0, 5);
    expect(on[0]).toEqual([0, 1, 2, 5]);
    expect(isConnected(on, 0, 5)).toBe(true);
    const r = evaluate(on);
    const engine = analyze(networkWith(on)).layers.find((l) => l.name === 'C3')!;
    expect(r.ok && [r.c3.params, r.c3.connections]).toEqual([engine.params, engine.connections]);
    expect(r.ok && r.c3.params).toBe(1_516 + 25);
    expect(presetOf(on)).toBeUndefined();
    expect(toggle(on, 0, 5)).toEqual(paperTable());
    // toggling never mutates its input
    expect(on[0]).toEqual([0, 1, 2, 5]);
  });
  test('the formula for the paper’s table groups the maps by their number of inputs', () => {
    const r = evaluate(paperTable());
    const params = r.ok ? r.formulas.find((f) => f.quantity === 'params')!.substituted : '';
    expect(params).toContain('6\\cdot (3\\cdot 5\\cdot 5+1)');
    expect(params).toContain('1{,}516');
  });
  test('a C3 map left with no input is refused by the engine, named, and explained in both languages', () => {
    let table = paperTable();
    for (const s2 of [...table[4]]) table = toggle(table, 4, s2);
    const r = evaluate(table);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.emptyMaps).toEqual([4]);
    expect(r.error.setting).toBe('connection table row 4');
    expect(describeSpecError(r.error, 'en')).toBe(r.error.message);
    expect(describeSpecError(r.error, 'en')).toMatch(/^C3: connection table row 4 \[\] gives this output map no input map/);
    expect(describeSpecError(r.error, 'zh-CN')).toMatch(/^C3：连接表中特征图 4 那一行为空——这张输出特征图没有任何输入/);
    expect(describeSpecError(r.error, 'zh-CN')).not.toMatch(/[a-z]{3,}/);
  });
  test('random tables are seeded, differ by seed, and never leave a map without input', () => {
    expect(randomTable(7)).toEqual(randomTable(7));
    expect(randomTable(1)).not.toEqual(randomTable(2));
    for (let seed = 1; seed <= 50; seed++) {
      const table = randomTable(seed);
      expect(table).toHaveLength(C3_MAPS);
      for (const row of table) {
        expect(row.length).toBeGreaterThan(0);
        expect(row).toEqual([...new Set(row)].sort((a, b) => a - b));
        expect(row.every((i) => i >= 0 && i < S2_MAPS)).toBe(true);
      }
      expect(evaluate(table).ok).toBe(true);
    }
  });
});

describe('C3 formulas in the page’s language', () => {
  test('the Chinese page gets Chinese words inside the formulas', async () => {
    const { formulaWords } = await import('../../src/i18n.ts');
    const en = evaluate(paperTable());
    const zh = evaluate(paperTable(), formulaWords['zh-CN']);
    const text = (r: typeof en) => (r.ok ? r.formulas.map((f) => f.symbolic).join(' ') : '');
    expect(text(zh)).not.toEqual(text(en));
    expect(zh.ok && zh.c3.params).toBe(1_516);
  });
});

describe('the paper’s four families of C3 maps', () => {
  test('Table I falls into 6 × 3 contiguous, 6 × 4 contiguous, 3 × 4 not contiguous, 1 × all six', () => {
    expect(familyRuns(paperTable()).map(({ family, first, count }) => [family.inputs, family.contiguous, first, count])).toEqual([
      [3, true, 0, 6], [4, true, 6, 6], [4, false, 12, 3], [6, null, 15, 1],
    ]);
  });
  test('contiguous wraps around the circle of six S2 maps; a gap anywhere breaks it', () => {
    expect(familyOf([0, 4, 5]).contiguous).toBe(true);
    expect(familyOf([0, 1, 2, 5]).contiguous).toBe(true);
    expect(familyOf([0, 2, 3, 5]).contiguous).toBe(false);
    expect(familyOf([1, 3]).contiguous).toBe(false);
    expect(familyOf([2]).contiguous).toBe(true);
    // The dense table is one family: every map takes all six.
    expect(familyRuns(denseTable())).toEqual([{ family: { inputs: 6, contiguous: null }, first: 0, count: 16 }]);
  });
});
