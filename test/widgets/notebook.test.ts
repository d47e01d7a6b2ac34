import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, lenet5, mapLoss, Model, prepareDigit, VARIANTS, loadWeights, c3Table, type Digits } from '../../engine/index.ts';
import { sampleDigits } from '../../src/data/digits.ts';
import { findRegion, regionNames, RegionError } from '../../src/widgets/notebook/regions.ts';
import { describe as describeValue, formatNumber, formatValue, runSnippet, syntaxErrorLine, type OutputItem } from '../../src/widgets/notebook/model.ts';
import { cellScope, type CellEnvironment } from '../../src/widgets/notebook/scope.ts';
import { snippets, type SnippetName } from '../../src/widgets/notebook/snippets.ts';

const root = process.cwd();
const chapterFiles = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.mdx')).map((f) => join(dir, f));
const chapters = [...chapterFiles('content/docs/chapters'), ...chapterFiles('content/docs/zh-cn/chapters')];
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every <EngineCode file=… region=…> of a chapter, in order. */
function codeCellsOf(path: string): { file: string; region: string }[] {
  return [...read(path).matchAll(/<EngineCode file="([^"]+)" region="([^"]+)"/g)].map((m) => ({ file: m[1], region: m[2] }));
}
const runCellsOf = (path: string): string[] => [...read(path).matchAll(/<RunCell snippet="([^"]+)"/g)].map((m) => m[1]);

describe('code cells: named regions of the engine', () => {
  const source = ['const a = 1;', '  // #region shape', '', '    if (x) {', '      y();', '    }', '', '  // #endregion shape', '// #region empty', '   ', '// #endregion empty', '// #region open'].join('\n');

  it('a region is the lines between its markers, dedented, with its line numbers in the file', () => {
    const r = findRegion(source, 'x.ts', 'shape');
    expect(r.code).toBe('if (x) {\n  y();\n}');
    expect([r.firstLine, r.lastLine]).toEqual([4, 6]);
    expect(regionNames(source)).toEqual(['shape', 'empty', 'open']);
  });

  it('a missing, empty, unclosed or doubled region is refused with a message that names it', () => {
    expect(() => findRegion(source, 'x.ts', 'nope')).toThrow(/engine\/x\.ts: region "nope" is not marked \(regions in this file: shape, empty, open\)/);
    expect(() => findRegion(source, 'x.ts', 'empty')).toThrow(/region "empty" on lines 9–11 is empty/);
    expect(() => findRegion(source, 'x.ts', 'open')).toThrow(/region "open" opened on line 12 is never closed/);
    expect(() => findRegion(`${source}\n// #region shape\nz();\n// #endregion`, 'x.ts', 'shape')).toThrow(/is marked 2 times \(lines 2, 13\)/);
    expect(() => findRegion(source, 'x.ts', 'nope')).toThrow(RegionError);
  });

  it('every region a chapter shows exists and is not empty, and both languages show the same ones', () => {
    const used = chapters.flatMap(codeCellsOf);
    expect(used.length).toBeGreaterThanOrEqual(2 * 9);
    for (const { file, region } of used) {
      const r = findRegion(read(join('engine', file)), file, region);
      expect(r.code.trim().length, `${file} ${region}`).toBeGreaterThan(0);
      // The line range points at the code itself.
      expect(read(join('engine', file)).split('\n')[r.firstLine - 1].trim()).toBe(r.code.split('\n')[0].trim());
    }
    for (const path of chapterFiles('content/docs/chapters')) {
      const zh = path.replace('content/docs/', 'content/docs/zh-cn/');
      expect(codeCellsOf(zh), zh).toEqual(codeCellsOf(path));
      expect(runCellsOf(zh), zh).toEqual(runCellsOf(path));
    }
  });

  it('every layer chapter and Training show the engine’s code and have a run cell; every marked region is shown somewhere', () => {
    for (const name of ['input', 'c1', 's2', 'c3', 's4', 'c5', 'f6', 'output', 'training']) {
      expect(codeCellsOf(`content/docs/chapters/${name}.mdx`).length, name).toBeGreaterThan(0);
    }
    for (const name of ['overview', 'input', 'c1', 's2', 'c3', 's4', 'c5', 'f6', 'output', 'training']) {
      expect(runCellsOf(`content/docs/chapters/${name}.mdx`).length, name).toBeGreaterThan(0);
    }
    const shown = new Set(chapters.flatMap(codeCellsOf).map((c) => `${c.file}#${c.region}`));
    const engineFiles = ['input.ts', 'lenet5.ts', 'loss.ts', 'optim.ts', 'trainer.ts', 'model.ts',
      ...readdirSync(join(root, 'engine/layers')).map((f) => `layers/${f}`)];
    const marked = engineFiles.flatMap((f) => regionNames(read(join('engine', f))).map((n) => `${f}#${n}`));
    expect(marked.filter((m) => !shown.has(m))).toEqual([]);
  });
});

// ── Run cells ──────────────────────────────────────────────────────────────────────────────

const samples = sampleDigits();
const digits: Digits = {
  count: samples.length, rows: 28, cols: 28,
  pixels: Uint8Array.from(samples.flatMap((d) => d.pixels)), labels: Uint8Array.from(samples.map((d) => d.label)),
};
const fetched: string[] = [];
const env: CellEnvironment = {
  digits,
  fetching: () => {},
  fetchBytes: async (path) => { fetched.push(path); return new Uint8Array(readFileSync(join(root, 'public', path))); },
};

async function run(code: string): Promise<{ ok: boolean; items: OutputItem[] }> {
  const items: OutputItem[] = [];
  const ok = await runSnippet(code, cellScope(env, (i) => items.push(i)), (i) => items.push(i));
  return { ok, items };
}

function shipped(): Model {
  const model = new Model(VARIANTS.faithful.spec());
  loadWeights(model, new Uint8Array(readFileSync(join(root, 'public/weights/faithful.bin'))));
  return model;
}

describe('run cells: every starting snippet runs and shows what its chapter says', () => {
  // The Training cell reads the packed training digits (npm's build and test hooks make them too).
  beforeAll(() => { execFileSync(process.execPath, ['scripts/pack-mnist.mjs'], { cwd: root }); });

  it('every snippet a chapter uses exists, and every snippet is used', () => {
    const used = new Set(chapters.flatMap(runCellsOf));
    expect([...used].filter((s) => !(s in snippets))).toEqual([]);
    expect(Object.keys(snippets).filter((s) => !used.has(s))).toEqual([]);
  });

  it.each(Object.keys(snippets) as SnippetName[])('%s runs without an error', async (name) => {
    const { ok, items } = await run(snippets[name]);
    expect(items.filter((i) => i.kind === 'error')).toEqual([]);
    expect(ok).toBe(true);
    expect(items.length).toBeGreaterThan(0);
  }, 30_000);

  it('overview: analyze(lenet5()) as a table of seven layers, and the totals', async () => {
    const { items } = await run(snippets.overview);
    const report = analyze(lenet5());
    const table = items[0];
    expect(table.kind).toBe('table');
    if (table.kind !== 'table') return;
    expect(table.rows.map((r) => r[0])).toEqual(report.layers.map((l) => l.name));
    expect(table.rows.map((r) => r[table.columns.indexOf('params')])).toEqual(report.layers.map((l) => formatNumber(l.params)));
    expect(table.rows[0][table.columns.indexOf('output')]).toBe('6@28×28');
    expect(items[1]).toEqual({ kind: 'text', text: formatValue(report.total) });
  });

  it('C1: the six maps of the shipped network for test digit 7, as the engine computes them', async () => {
    const { items } = await run(snippets.c1);
    const maps = items[0];
    expect(maps.kind).toBe('images');
    if (maps.kind !== 'images') return;
    expect([maps.count, maps.height, maps.width, maps.maps, maps.label]).toEqual([6, 28, 28, true, 'C1']);
    const trace = shipped().forward(prepareDigit(digits, 7, new Float32Array(1024)));
    expect(maps.values).toEqual(trace.layers[0].out);
  });

  it('C3: the edited table loses three kernels of 25 weights', async () => {
    const { items } = await run(snippets.c3);
    const table = items[0];
    if (table.kind !== 'table') throw new Error('expected a table');
    const params = table.rows.map((r) => Number(r[table.columns.indexOf('params')].replace(/,/g, '')));
    expect(params[0]).toBe(analyze(lenet5()).layers[2].params);
    expect(params[0] - params[1]).toBe((c3Table[15].length - 3) * 25);
  });

  it('Output: the ten RBF distances of test digit 9, and the class with the smallest', async () => {
    const { items } = await run(snippets.output);
    const trace = shipped().forward(prepareDigit(digits, 9, new Float32Array(1024)));
    const table = items[0];
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.rows.map((r) => r[1])).toEqual([...trace.output].map(formatNumber));
    expect(items[1]).toEqual({ kind: 'text', text: String(mapLoss().predict(trace.output)) });
  });

  it('Training: three passes over 500 digits, the loss logged after each one and falling', async () => {
    const { items } = await run(snippets.training);
    const losses = items.filter((i) => i.kind === 'text' && i.text.startsWith('pass')).map((i) => Number((i as { text: string }).text.split(' ')[4]));
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(fetched).toContain('mnist/train-images-0.mask.gz');
  }, 30_000);
});

describe('run cells: output and errors', () => {
  it('numbers: thousands separators for whole numbers, four significant digits otherwise', () => {
    expect([60000, -0.1, 1.7159, 2 / 3, 12345.678, 0.00001234, NaN].map(formatNumber))
      .toEqual(['60,000', '-0.1', '1.716', '0.6667', '12,345.7', '1.23e-5', 'NaN']);
  });

  it('values: shapes in the paper’s notation, long arrays cut, nested strings quoted', () => {
    expect(formatValue({ maps: 6, height: 28, width: 28 })).toBe('6@28×28');
    expect(formatValue(new Float32Array(12))).toBe('Float32Array(12) [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, … 2 more]');
    expect(formatValue({ name: 'C1', n: 1500 })).toBe('{ name: "C1", n: 1,500 }');
  });

  it('a 2-D array is an image, an array of objects a table, a ragged array text', () => {
    const image = describeValue([[1, -2], [3, 4]], 'm');
    expect(image).toMatchObject({ kind: 'images', height: 2, width: 2, count: 1, maps: false, limit: 4, label: 'm' });
    expect(describeValue([{ a: 1 }, { b: 'x' }])).toMatchObject({ kind: 'table', columns: ['a', 'b'], rows: [['1', ''], ['', 'x']], numeric: [false, false] });
    expect(describeValue([[1, 2], [3]])).toEqual({ kind: 'text', text: '[[1, 2], [3]]' });
  });

  it('a thrown error gives its message and the line of the snippet it came from', async () => {
    const { ok, items } = await run('const a = 1;\n\nnoSuchFunction(a);');
    expect(ok).toBe(false);
    expect(items).toEqual([{ kind: 'error', syntax: false, message: 'ReferenceError: noSuchFunction is not defined', line: 3 }]);
    const refused = await run('const spec = lenet5();\nspec.layers[0].kernel = 40;\nreturn analyze(spec);');
    expect(refused.items[0]).toMatchObject({ kind: 'error', line: 3, message: expect.stringMatching(/^SpecError: C1: kernel size 40/) });
  });

  it('a syntax error gives the line it is on; code that stops with something left open says so', async () => {
    expect((await run('const a = 1;\nlet b = ;\nshow(a);')).items).toEqual([{ kind: 'error', syntax: true, message: "Unexpected token ';'", line: 2, unfinished: false }]);
    const open = (await run('for (let i = 0; i < 3; i++) {\n  show(i);\n')).items[0];
    expect(open).toMatchObject({ kind: 'error', syntax: true, unfinished: true });
    expect(syntaxErrorLine('show(1\nshow(2)', [])).toBe(1);
  });

  it('a snippet may declare a name the scope already has, and gets its own copy of the digits', async () => {
    expect((await run('const digits = 3;\nreturn digits;')).items).toEqual([{ kind: 'text', text: '3' }]);
    await run('digits.pixels.fill(0);');
    expect(digits.pixels.some((p) => p > 0)).toBe(true);
  });

  it('helpers refuse bad arguments with the allowed range', async () => {
    expect((await run('return trainingDigits(6000);')).items[0]).toMatchObject({ message: expect.stringMatching(/allowed: a whole number from 1 to 5,000/) });
    expect((await run('return reshape([1, 2, 3], 2, 2);')).items[0]).toMatchObject({ message: expect.stringMatching(/3 values cannot be 2 rows of 2/) });
    expect((await run("return pretrained('lenet');")).items[0]).toMatchObject({ message: expect.stringMatching(/allowed: faithful, modern/) });
  });
});
