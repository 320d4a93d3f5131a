import type { PathSegment } from '../../../findings/index.js';

/**
 * The path of the first place where `a` and `b` differ, or null when they are equal.
 * Numbers and bigints compare by value (the decoder and the encoder may pick either for a
 * u8 field); byte arrays compare byte by byte; key order does not matter.
 */
export function firstDifference(a: unknown, b: unknown, path: PathSegment[] = []): PathSegment[] | null {
  if (isNumeric(a) && isNumeric(b)) return numericEqual(a, b) ? null : path;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return [...path, i];
    return null;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], [...path, i]);
      if (d !== null) return d;
    }
    return null;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const d = firstDifference(a[k], b[k], [...path, k]);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : path;
}

type Numeric = number | bigint;
const isNumeric = (v: unknown): v is Numeric => typeof v === 'number' || typeof v === 'bigint';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function numericEqual(a: Numeric, b: Numeric): boolean {
  if (typeof a === typeof b) return a === b || (Number.isNaN(a) && Number.isNaN(b));
  const n = typeof a === 'number' ? a : (b as number);
  if (!Number.isInteger(n)) return false;
  return BigInt(a) === BigInt(b);
}
