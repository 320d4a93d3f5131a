/** `358`, `0x166`, `0X166`, `1_000`: a byte offset as a person types it; undefined for anything else. */
export function parseOffset(text: string): number | undefined {
  const t = text.trim().replace(/_/g, '');
  const n = /^0x[0-9a-f]+$/i.test(t) ? Number.parseInt(t.slice(2), 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
