import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launchBrowser, openPage } from './chromium.ts';
import { findRegion } from '../../src/widgets/notebook/regions.ts';
import { snippets } from '../../src/widgets/notebook/snippets.ts';
import { RUN_LIMIT_MS } from '../../src/widgets/notebook/model.ts';
import { words } from '../../src/widgets/notebook/words.ts';
import type { Lang } from '../../src/i18n.ts';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** Waits until the cell's run has ended and returns its status line. */
async function ran(cell: Locator): Promise<string> {
  await cell.page().waitForFunction((el) => !el!.hasAttribute('aria-busy'), await cell.elementHandle(), { timeout: RUN_LIMIT_MS + 15_000 });
  return (await cell.getByRole('status').textContent()) ?? '';
}

const pages: [Lang, string][] = [['en', '/chapters/c1/'], ['zh-CN', '/zh-cn/chapters/c1/']];

describe.each(pages)('notebook cells (%s)', (lang, path) => {
  test('code cells show exactly the engine file’s region, with its file and lines', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), path);
    const figures = page.locator('figure.engine-code');
    expect(await figures.count()).toBeGreaterThanOrEqual(2);
    for (const figure of await figures.all()) {
      const file = (await figure.getAttribute('data-engine-file'))!;
      const region = findRegion(readFileSync(`engine/${file}`, 'utf8'), file, (await figure.getAttribute('data-engine-region'))!);
      expect(await figure.locator('pre code').innerText()).toBe(region.code);
      expect(await figure.locator(':scope > figcaption').textContent()).toContain(words.notice[lang]);
      expect(await figure.textContent()).toContain(`engine/${file}`);
      expect(await figure.textContent()).toContain(`${region.firstLine}–${region.lastLine}`);
    }
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  test('a reader edits and runs the cell; a syntax error, a thrown error and an endless loop each get a clear answer and the page keeps working', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), path);
    const cell = page.locator('lenet-run-cell');
    const code = cell.getByLabel(words.code[lang]);
    const run = cell.getByRole('button', { name: words.run[lang], exact: true });
    expect(await code.inputValue()).toBe(snippets.c1);

    // The starting code: C1's six maps.
    await run.click();
    expect(await ran(cell)).not.toContain('rror');
    expect(await cell.getByRole('img').count()).toBe(6);
    await expect.poll(() => cell.getByRole('img').first().getAttribute('aria-label')).toBe(`C1 ${words.map[lang].replace('{n}', '0')}`);

    // Edited, and run from the keyboard: a table and a number.
    await code.fill("show(analyze(lenet5()).layers.map((l) => ({ layer: l.name, params: l.params })));\nreturn 6 * 7;");
    await code.press('Control+Enter');
    await ran(cell);
    const table = cell.getByRole('table');
    expect(await table.getByRole('row').count()).toBe(8);
    expect(await table.getByRole('row').nth(3).innerText()).toMatch(/C3\s+1,516/);
    expect(await cell.locator('.out-text').innerText()).toBe('42');

    // A syntax error: its line, in the message and in the gutter.
    await code.fill('const a = 1;\nlet b = ;\nshow(a);');
    await run.click();
    const syntax = words.syntaxError[lang].replace('{line}', '2').replace('{message}', "Unexpected token ';'");
    expect(await ran(cell)).toBe(syntax);
    expect(await cell.locator('.out-error').innerText()).toBe(syntax);
    expect(await cell.locator('.gutter .error-line').innerText()).toBe('2');

    // A thrown error: its message and line.
    await code.fill('const a = 1;\n\nnoSuchFunction(a);');
    await run.click();
    expect(await ran(cell)).toBe(words.thrown[lang].replace('{line}', '3').replace('{message}', 'ReferenceError: noSuchFunction is not defined'));

    // An endless loop: stopped after the time limit, while the page stays responsive.
    await code.fill('let n = 0;\nwhile (true) n++;');
    await run.click();
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => document.title)).toBeTruthy();
    expect(await cell.getAttribute('aria-busy')).toBe('true');
    expect(await ran(cell)).toBe(words.timeout[lang].replace('{seconds}', String(RUN_LIMIT_MS / 1000)));
    expect(await run.isEnabled()).toBe(true);

    // Reset brings the starting code back, and it runs again in a fresh worker.
    await cell.getByRole('button', { name: words.reset[lang], exact: true }).click();
    expect(await code.inputValue()).toBe(snippets.c1);
    await run.click();
    expect(await ran(cell)).not.toContain('rror');
    expect(await cell.getByRole('img').count()).toBe(6);

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe('every chapter’s run cell, as shipped', () => {
  test.each(['overview', 'input', 'c1', 's2', 'c3', 's4', 'c5', 'f6', 'output', 'training'])('%s runs without an error', async (chapter) => {
    const { page, context, consoleErrors, foreignRequests } = await openPage(browser, inject('baseUrl'), `/chapters/${chapter}/`);
    const cells = await page.locator('lenet-run-cell').all();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      await cell.getByRole('button', { name: 'Run', exact: true }).click();
      expect(await ran(cell)).toMatch(/^Done in/);
      expect(await cell.locator('.out-error').count()).toBe(0);
    }
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});
