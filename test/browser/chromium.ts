/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot work
 * on these machines). The flags keep Chromium from reaching for the network on its own.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install chromium fonts-wqy-microhei ` +
      '(or set CHROMIUM_PATH to a Chromium binary). The browser tests never skip.');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright gives every launch a fresh, empty user-data directory of its own.
    args: CHROMIUM_FLAGS,
  });
}

/** A page that records what a reader would never want to see: console errors and requests leaving the site. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  foreignRequests: string[];
}

export async function openPage(browser: Browser, baseUrl: string, path: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${baseUrl}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  if (!response || response.status() !== 200) throw new Error(`GET ${path} answered ${response?.status()}`);
  return { page, context, consoleErrors, foreignRequests };
}

/** The text of a page's `main` as a reader reads it, without code blocks: the engine's code may well say null or Infinity. */
export function proseText(page: Page): Promise<string> {
  return page.locator('main').evaluate((main: HTMLElement) => {
    const blocks = [...main.querySelectorAll('pre')];
    for (const pre of blocks) pre.style.display = 'none';
    const text = main.innerText;
    for (const pre of blocks) pre.style.display = '';
    return text;
  });
}
