/**
 * The run cells' Web Worker: it runs a cell's code with the engine in reach (scope.ts), off the
 * page's main thread and without access to the page. Everything it fetches comes from the site
 * itself, below its base path. The page ends the worker if a run takes too long.
 */
import { runSnippet, type CellDigits, type FromCellWorker, type ToCellWorker } from './model.ts';
import { cellScope } from './scope.ts';

const post = (m: FromCellWorker): void => (self as unknown as Worker).postMessage(m);

const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

async function fetchBytes(path: string): Promise<Uint8Array> {
  const url = `${base}${path}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

let digits: CellDigits | undefined;

self.onmessage = async (event: MessageEvent<ToCellWorker>): Promise<void> => {
  const m = event.data;
  if (m.type === 'init') {
    digits = m.digits;
    return;
  }
  const { id, code } = m;
  const emit = (item: Extract<FromCellWorker, { type: 'out' }>['item']): void => post({ type: 'out', id, item });
  const scope = cellScope({ digits: digits!, fetchBytes, fetching: (busy) => post({ type: 'fetching', id, busy }) }, emit);
  const ok = await runSnippet(code, scope, emit);
  post({ type: 'done', id, ok });
};
