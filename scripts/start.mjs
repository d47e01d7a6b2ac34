// `npm start`: build the site if it is missing or older than its sources, then serve it locally.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';

const SOURCES = ['content', 'src', 'engine', 'public', 'astro.config.mjs', 'content.config.ts', 'package.json'];

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
const { url, close } = await serve('dist', port).catch((err) => {
  console.error(`Cannot serve on 127.0.0.1:${port} (${err.code ?? err.message}). Is another copy running? Try PORT=4322 npm start.`);
  process.exit(1);
});
console.log(`\nLeNet-5, layer by layer is being served at ${url}/  (English)\n                                           ${url}/zh-cn/  (简体中文)\nPress Ctrl+C to stop.`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => close().then(() => process.exit(0)));
