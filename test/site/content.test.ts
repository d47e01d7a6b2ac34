import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = 'content/docs';
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.mdx') ? [join(dir, e.name)] : []));
const all = files(root);
const zh = all.filter((f) => f.includes('/zh-cn/'));
const en = all.filter((f) => !f.includes('/zh-cn/'));

describe('chapters', () => {
  test('every English page has a Chinese page and vice versa', () => {
    const strip = (f: string) => relative(root, f).replace(/^zh-cn\//, '');
    expect(zh.map(strip).sort()).toEqual(en.map(strip).sort());
  });

  // A line break between two Chinese characters renders as a stray space in the browser.
  test.each(zh)('%s has no line break inside Chinese text', (file) => {
    const text = readFileSync(file, 'utf8');
    const broken = text.split('\n').flatMap((line, i, lines) => {
      const next = lines[i + 1] ?? '';
      return /[\u4e00-\u9fff，。：；、）]$/.test(line) && /^\s*[\u4e00-\u9fff（]/.test(next) ? [`line ${i + 1}: …${line.slice(-10)}⏎${next.slice(0, 10)}…`] : [];
    });
    expect(broken).toEqual([]);
  });
});
