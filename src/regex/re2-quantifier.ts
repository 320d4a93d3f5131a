export interface Quantifier {
  readonly min: number;
  /** Infinity when unbounded. */
  readonly max: number;
  readonly lazy: boolean;
  readonly end: number;
}

/** Counts above this are clamped: RE2 rejects anything over 1000 anyway, and huge digit runs must not overflow. */
const MAX_COUNT = 100_000;

/**
 * Reads *, +, ?, {n}, {n,} or {n,m} (each optionally followed by a lazy '?') at `at`.
 * Returns null for a '{' that does not open a valid count, which RE2 reads as a literal brace.
 */
export function readQuantifier(source: string, at: number): Quantifier | null {
  const ch = source[at];
  let min: number;
  let max: number;
  let end: number;
  if (ch === '*' || ch === '+' || ch === '?') {
    min = ch === '+' ? 1 : 0;
    max = ch === '?' ? 1 : Infinity;
    end = at + 1;
  } else {
    const counted = readCountedRepeat(source, at);
    if (counted === null) return null;
    ({ min, max, end } = counted);
  }
  const lazy = source[end] === '?';
  return { min, max, lazy, end: lazy ? end + 1 : end };
}

function readCountedRepeat(source: string, at: number): { min: number; max: number; end: number } | null {
  const low = readDigits(source, at + 1);
  if (low === null) return null;
  if (source[low.end] === '}') return { min: low.value, max: low.value, end: low.end + 1 };
  if (source[low.end] !== ',') return null;
  if (source[low.end + 1] === '}') return { min: low.value, max: Infinity, end: low.end + 2 };
  const high = readDigits(source, low.end + 1);
  if (high === null || source[high.end] !== '}') return null;
  return { min: low.value, max: high.value, end: high.end + 1 };
}

function readDigits(source: string, from: number): { value: number; end: number } | null {
  let end = from;
  let value = 0;
  while (end < source.length && source[end]! >= '0' && source[end]! <= '9') {
    value = Math.min(MAX_COUNT, value * 10 + (source.charCodeAt(end) - 0x30));
    end += 1;
  }
  return end === from ? null : { value, end };
}
