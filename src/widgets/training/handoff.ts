/**
 * Carrying weights from the Training chapter to the Playground: the weights file's bytes in
 * this browser's localStorage (same origin; about 0.3 MB as base64), with a line saying what
 * they are. Nothing leaves the browser.
 */
export const HANDOFF_KEY = 'lenet5:playground-weights';

export interface Handoff {
  bytes: Uint8Array;
  /** What the Playground shows, e.g. "trained here, faithful, 10,000 samples, 97.1 %". */
  label: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function saveHandoff(h: Handoff): void {
  localStorage.setItem(HANDOFF_KEY, JSON.stringify({ label: h.label, weights: toBase64(h.bytes) }));
}

/** The weights left by the Training chapter, or null (none, or unreadable: then they are dropped). */
export function loadHandoff(): Handoff | null {
  try {
    const raw = localStorage.getItem(HANDOFF_KEY);
    if (!raw) return null;
    const { label, weights } = JSON.parse(raw) as { label: string; weights: string };
    return { label: String(label), bytes: Uint8Array.from(atob(weights), (c) => c.charCodeAt(0)) };
  } catch {
    localStorage.removeItem(HANDOFF_KEY);
    return null;
  }
}

