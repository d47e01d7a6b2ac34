/**
 * Link check of the built site (in the spirit of withastro/docs' CI): every internal link and
 * asset points to a file that exists, and no page loads anything from another origin.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const dist = 'dist';
const pages = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

function exists(urlPath: string): boolean {
  const path = join(dist, decodeURIComponent(urlPath.split(/[?#]/)[0]));
  try {
    return statSync(path).isFile() || statSync(join(path, 'index.html')).isFile();
  } catch {
    return false;
  }
}

describe('built pages', () => {
  const files = pages(dist);
  test('there are pages to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });
  test.each(files.map((f) => relative(dist, f)))('%s: internal links resolve, nothing loads from elsewhere', (file) => {
    const html = readFileSync(join(dist, file), 'utf8');
    const refs = [...html.matchAll(/\s(href|src)="([^"]+)"/g)].map((m) => ({ attr: m[1], url: m[2] }));
    expect(refs.length).toBeGreaterThan(0);
    const broken = refs.filter((r) => r.url.startsWith('/') && !r.url.startsWith('//') && !exists(r.url)).map((r) => r.url);
    expect(broken).toEqual([]);
    // Loading from another origin (scripts, styles, images, fonts): never. Plain links to read elsewhere are fine.
    const foreignLoads = [...html.matchAll(/<(script|img|iframe|source|link)\b[^>]*\s(?:src|href)="(https?:)?\/\/[^"]+"/g)]
      .map((m) => m[0]).filter((tag) => !/rel="(canonical|alternate|sitemap)"/.test(tag));
    expect(foreignLoads).toEqual([]);
  });
});
