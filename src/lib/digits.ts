/** Browser side of src/data/digits.ts: the sample digits a page inlined, back as bytes. */
export interface PageDigit {
  index: number;
  label: number;
  pixels: Uint8Array;
}

export function decodeDigits(base64: string, meta: { index: number; label: number }[], size = 28 * 28): PageDigit[] {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (bytes.length !== meta.length * size) throw new Error(`Sample digits: ${bytes.length} bytes for ${meta.length} digits of ${size}`);
  return meta.map((m, i) => ({ ...m, pixels: bytes.subarray(i * size, (i + 1) * size) }));
}
