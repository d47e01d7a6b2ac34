// A minimal static file server for the built site (dist/), bound to 127.0.0.1 only. Used by
// `npm start` and by the browser tests; `close()` really stops it, so no orphan keeps the port.
// `base` serves the site under a path, as a host does for a site built with BASE=/lenet5/
// (README, "Deploy"): every address outside it is not found, so a link that forgets the base
// fails here too. Like common hosts, it redirects a folder's address without its final slash.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.gz': 'application/gzip', '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pagefind': 'application/octet-stream',
};

/** The file for a path below the site's root, `{ folder }` for a folder's address without its final slash, or undefined. */
function fileFor(root, sitePath) {
  const path = normalize(sitePath).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, path);
  if (!file.startsWith(root)) return undefined;
  try {
    if (statSync(file).isDirectory()) {
      if (!sitePath.endsWith('/')) return { folder: true };
      file = join(file, 'index.html');
    }
    return statSync(file).isFile() ? { file } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0 = any free port) under the path `base` (default `/`);
 * resolves to { url, close }, where `url` is the server's origin (the site is at `url` + `base`).
 */
export function serve(dir, port = 0, { base = '/' } = {}) {
  const root = resolve(dir);
  const prefix = base.replace(/\/?$/, '/');
  const server = createServer((req, res) => {
    const [rawPath, query] = (req.url ?? '/').split('?');
    let urlPath;
    try {
      urlPath = decodeURIComponent(rawPath);
    } catch {
      urlPath = '';
    }
    const found = `${urlPath}/` === prefix ? { folder: true }
      : urlPath.startsWith(prefix) ? fileFor(root, urlPath.slice(prefix.length - 1)) : undefined;
    if (found?.folder) {
      res.writeHead(301, { location: `${rawPath}/${query === undefined ? '' : `?${query}`}` });
      res.end();
      return;
    }
    if (!found) {
      const notFound = fileFor(root, '/404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (notFound) createReadStream(notFound.file).pipe(res);
      else res.end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream' });
    createReadStream(found.file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
