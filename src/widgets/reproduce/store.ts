/**
 * The reproduction's run, kept in this browser's IndexedDB between visits: one record, the
 * weights file after the latest pass (model.ts, SavedRun). Every failure — no IndexedDB (some
 * private modes), a refused open, a full disk — comes back as an answer the page can say, never
 * as an exception: the run itself goes on without it.
 */
const DB = 'lenet5-reproduce';
const STORE = 'runs';
const KEY = 'faithful';

export type StoreFailure = 'unavailable' | 'full' | 'failed';

function failure(err: unknown): StoreFailure {
  const name = (err as DOMException | null)?.name;
  return name === 'QuotaExceededError' ? 'full' : 'failed';
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new DOMException('blocked', 'InvalidStateError'));
  });
}

async function transact<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error ?? request.error);
      tx.onabort = () => reject(tx.error ?? request.error);
    });
  } finally {
    db.close();
  }
}

/** The stored value as it is (model.ts's readSaved checks it), or a failure. */
export async function loadRun(): Promise<{ ok: true; value: unknown } | { ok: false; why: StoreFailure }> {
  try {
    if (typeof indexedDB === 'undefined') return { ok: false, why: 'unavailable' };
    return { ok: true, value: await transact<unknown>('readonly', (s) => s.get(KEY)) };
  } catch {
    return { ok: false, why: 'unavailable' };
  }
}

export async function saveRun(file: Uint8Array): Promise<{ ok: true } | { ok: false; why: StoreFailure }> {
  try {
    if (typeof indexedDB === 'undefined') return { ok: false, why: 'unavailable' };
    await transact('readwrite', (s) => s.put({ file, savedAt: new Date().toISOString() }, KEY));
    return { ok: true };
  } catch (err) {
    return { ok: false, why: failure(err) };
  }
}

export async function discardRun(): Promise<void> {
  try {
    if (typeof indexedDB !== 'undefined') await transact('readwrite', (s) => s.delete(KEY));
  } catch {
    // Nothing was kept, or nothing can be: either way there is nothing left to resume.
  }
}
