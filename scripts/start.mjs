// `npm start`: build the site if it is missing or older than its sources, then serve it locally.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';

const SOURCES = ['content', 'src', 'pages', 'engine', 'public', 'astro.config.mjs', 'content.config.ts', 'package.json'];

function newest(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = statSync('dist/index.html', { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(...SOURCES.map(newest))) {
  console.log('Building the site (dist/ is missing or older than its sources)…');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const port = Number(process.env.PORT ?? 4321);
// A site built with BASE=/lenet5/ is served under that path, as its host will (README, "Deploy").
const base = (process.env.BASE || '/').replace(/\/?$/, '/');
const { url, close } = await serve('dist', port, { base }).catch((err) => {
  console.error(`Cannot serve on 127.0.0.1:${port} (${err.code ?? err.message}). Is another copy running? Try PORT=4322 npm start.`);
  process.exit(1);
});
const site = `${url}${base}`;
console.log(`\nLeNet-5, layer by layer is being served at ${site}  (English)\n${' '.repeat(43)}${site}zh-cn/  (简体中文)\nPress Ctrl+C to stop.`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => close().then(() => process.exit(0)));
