/**
 * The generator draws every decision from a `Source` of 32-bit words. The hot loop passes the
 * shared `Rng`; fast-check passes a recorded list of words (see value-arbitrary.ts), so a failing
 * value shrinks with its list. Every helper maps the word 0 to its first, simplest option: a
 * list shrunk to zeros gives the plainest well-formed value.
 */
export interface Source {
  u32(): number;
}

const TWO32 = 0x1_0000_0000;

/** A uniform integer in [0, n); 0 for the word 0. */
export function below(src: Source, n: number): number {
  return n <= 1 ? 0 : Math.floor((src.u32() / TWO32) * n);
}

/** A uniform integer in [lo, hi]. */
export function between(src: Source, lo: number, hi: number): number {
  return hi <= lo ? lo : lo + below(src, hi - lo + 1);
}

/** True with probability p; false for the word 0 (the unusual branch is never the simplest). */
export function chance(src: Source, p: number): boolean {
  return src.u32() / TWO32 >= 1 - p;
}

export function pick<T>(src: Source, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[below(src, items.length)]!;
}

/** An index into `weights`, drawn in proportion to them; 0 for the word 0. */
export function weighted(src: Source, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = (src.u32() / TWO32) * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** A uniform bigint in [lo, hi]. */
export function bigBetween(src: Source, lo: bigint, hi: bigint): bigint {
  if (hi <= lo) return lo;
  const span = hi - lo + 1n;
  let r = 0n;
  for (let bits = 0n; (1n << bits) < span; bits += 32n) r = (r << 32n) | BigInt(src.u32());
  return lo + (r % span);
}

/** Replays recorded words, then zeros (the simplest choice everywhere). */
export function recordedSource(words: readonly number[]): Source {
  let i = 0;
  return { u32: () => (i < words.length ? words[i++]! >>> 0 : 0) };
}
