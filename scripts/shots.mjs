// Screenshots of built pages for a human to look at: every page given, light and dark, desktop
// and phone width. Usage: npm run shots -- /chapters/overview/ /zh-cn/chapters/overview/ [--out DIR]
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : 'test-results/shots';
const paths = args.length ? args : ['/chapters/overview/', '/zh-cn/chapters/overview/'];
mkdirSync(out, { recursive: true });
const { url, close } = await serve('dist', 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  for (const path of paths) {
    for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      for (const colorScheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1, isMobile: device === 'phone', hasTouch: device === 'phone' });
        const page = await context.newPage();
        await page.goto(url + path, { waitUntil: 'networkidle' });
        await page.evaluate(() => document.fonts.ready);
        const file = `${out}/${path.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home'}-${device}-${colorScheme}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await close();
}
