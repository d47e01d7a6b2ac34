/**
 * Digits 0–9 from the fonts Debian's font packages install, through the Playground's own path:
 * each digit is drawn by headless Chromium on a canvas the size of the pad (280×280), at several
 * sizes and rotations, its ink taken from the canvas's alpha exactly as the Playground takes it,
 * cropped, scaled and centred by engine/preprocess.ts, and read by the Playground's networks.
 * Reports accuracy per network, per digit, per rotation, per size and per font, and again with the
 * Playground's deskew toggle on (engine/preprocess.ts's `deskew` after the preprocessing, as the pad does).
 * Fonts: sudo apt-get install fonts-dejavu fonts-liberation fonts-freefont-ttf fonts-urw-base35
 * (a family that Chromium cannot find is reported and left out, never replaced by a fallback).
 * Run: node_modules/.bin/node bench/fonts.ts [weights files…] (default: the Playground's four readers)
 */
import { chromium } from 'playwright-core';
import { deskew, prepareDigit, preprocessDrawing } from '../engine/index.ts';
import { INK_THRESHOLD, PAD } from '../src/widgets/playground/model.ts';
import { readersFromArgs } from './readers.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/browser/chromium.ts';

const FAMILIES = [
  'DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'Liberation Sans', 'Liberation Serif', 'Liberation Mono', 'Liberation Sans Narrow',
  'FreeSans', 'FreeSerif', 'FreeMono', 'Nimbus Sans', 'Nimbus Roman', 'Nimbus Mono PS', 'URW Gothic', 'URW Bookman', 'C059', 'P052',
];
/** Font sizes in pad pixels: a digit's height is about 0.7 of it (from about 55 px to 165 px on the 280-pixel pad). */
const SIZES = [80, 160, 240];
/** Degrees, positive clockwise (the canvas turns with y pointing down). */
const ROTATIONS = [-10, -5, 0, 5, 10];

const readers = readersFromArgs(process.argv.slice(2));

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
const page = await browser.newPage();
await page.setContent('<canvas></canvas>');
type Sample = { family: string; size: number; rotation: number; digit: number; pixels: Uint8Array };
const samples: Sample[] = [];
const missing: string[] = [];
for (const family of FAMILIES) {
  // Draws every digit, size and rotation in the page; returns the alpha planes, base64-encoded.
  const result = await page.evaluate(({ family, sizes, rotations, pad }) => {
    const canvas = document.querySelector('canvas')!;
    canvas.width = pad;
    canvas.height = pad;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    // A family Chromium lacks falls back to another font: compare widths against two different fallbacks.
    const width = (f: string) => { ctx.font = `100px ${f}`; return ctx.measureText('0123456789').width; };
    if (width(`"${family}", monospace`) === width('monospace') && width(`"${family}", serif`) === width('serif')) return null;
    const out: { size: number; rotation: number; digit: number; alpha: string }[] = [];
    for (const size of sizes) for (const rotation of rotations) for (let digit = 0; digit < 10; digit++) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, pad, pad);
      ctx.translate(pad / 2, pad / 2);
      ctx.rotate((rotation * Math.PI) / 180);
      ctx.font = `${size}px "${family}"`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#000';
      ctx.fillText(String(digit), 0, 0);
      const rgba = ctx.getImageData(0, 0, pad, pad).data;
      let s = '';
      for (let i = 3; i < rgba.length; i += 4) s += String.fromCharCode(rgba[i]);
      out.push({ size, rotation, digit, alpha: btoa(s) });
    }
    return out;
  }, { family, sizes: SIZES, rotations: ROTATIONS, pad: PAD });
  if (!result) { missing.push(family); continue; }
  for (const r of result) samples.push({ family, size: r.size, rotation: r.rotation, digit: r.digit, pixels: Uint8Array.from(Buffer.from(r.alpha, 'base64')) });
}
await browser.close();

const input = new Float32Array(1024);
const digits = samples.map((s) => preprocessDrawing(s.pixels, PAD, PAD, INK_THRESHOLD)!.pixels);
const deskewed = digits.map((d) => deskew(d).pixels);
const pct = (right: number, n: number) => `${((100 * right) / n).toFixed(1)} %`;
console.log(`${samples.length} images: ${FAMILIES.length - missing.length} fonts × ${SIZES.length} sizes (${SIZES.join(', ')} px) × rotations ${ROTATIONS.join(', ')}° × 10 digits` +
  (missing.length ? `; not installed, left out: ${missing.join(', ')}` : ''));
for (const { file, model, loss } of readers) {
  const read = (images: Uint8Array[]) => samples.map((s, i) => loss.predict(model.forward(prepareDigit({ pixels: images[i], rows: 28, cols: 28 }, 0, input)).output) === s.digit);
  const ok = read(digits);
  const by = <K extends string | number>(key: (s: Sample) => K, hits: boolean[]): string => {
    const groups = new Map<K, [number, number]>();
    samples.forEach((s, i) => { const g = groups.get(key(s)) ?? [0, 0]; g[0] += hits[i] ? 1 : 0; g[1]++; groups.set(key(s), g); });
    return [...groups].map(([k, [r, n]]) => `${k} ${pct(r, n)}`).join(', ');
  };
  const upright = samples.map((s, i) => [s, ok[i]] as const).filter(([s]) => s.rotation === 0);
  console.log(`\n${file}: ${pct(ok.filter(Boolean).length, ok.length)} of all; upright only ${pct(upright.filter(([, o]) => o).length, upright.length)}`);
  console.log(`  per rotation: ${by((s) => `${s.rotation}°`, ok)}`);
  console.log(`  per digit:    ${by((s) => s.digit, ok)}`);
  console.log(`  per size:     ${by((s) => `${s.size} px`, ok)}`);
  console.log(`  per font:     ${by((s) => s.family, ok)}`);
  const wrong = samples.filter((s, i) => !ok[i] && s.rotation === 0).map((s) => `${s.digit} in ${s.family} ${s.size} px`);
  console.log(`  wrong when upright (${wrong.length}): ${wrong.slice(0, 40).join('; ')}${wrong.length > 40 ? '; …' : ''}`);
  const straight = read(deskewed);
  console.log(`  with deskew: ${pct(straight.filter(Boolean).length, straight.length)} of all; per rotation: ${by((s) => `${s.rotation}°`, straight)}`);
}
