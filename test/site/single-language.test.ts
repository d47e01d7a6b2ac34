import { describe, expect, test } from 'vitest';
import { isNotFoundPage, isSingleLanguagePage } from '../../src/lib/single-language.ts';

describe('pages with no counterpart in the other language', () => {
  test.each([
    ['/lab/rbf/', '/', true],
    ['/lenet5/lab/rbf/', '/lenet5/', true],
    ['/lenet5/lab/rbf/', '/lenet5', true],
    ['/404.html', '/', true],
    ['/lenet5/404/', '/lenet5/', true],
    ['/chapters/c1/', '/', false],
    ['/zh-cn/chapters/c1/', '/', false],
    ['/lenet5/chapters/lab/', '/lenet5/', false],
    ['/lenet5/', '/lenet5/', false],
    ['/4040/', '/', false],
  ])('%s under base %s: %s', (path, base, expected) => {
    expect(isSingleLanguagePage(path, base)).toBe(expected);
  });

  test('only "page not found" is the not-found page', () => {
    expect(isNotFoundPage('/lenet5/404.html', '/lenet5/')).toBe(true);
    expect(isNotFoundPage('/lenet5/lab/rbf/', '/lenet5/')).toBe(false);
  });
});
