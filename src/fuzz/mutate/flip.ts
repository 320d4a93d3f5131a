import type { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';

/**
 * Only byte-level: the baseline "plain byte-flipping random mutator" the benchmark compares
 * against. Flips one to four random bits or overwrites bytes with random values; knows nothing
 * of the format, its edge values or its length.
 */
export function flipBytes(input: FuzzInput, rng: Rng): FuzzInput {
  const b = input.bytes;
  if (b.length === 0) return { bytes: Uint8Array.of(rng.below(256)), how: 'raw:flip+1' };
  const out = b.slice();
  const n = rng.int(1, 4);
  const first = rng.below(b.length);
  let at = first;
  for (let i = 0; i < n; i++) {
    if (i > 0) at = rng.below(b.length);
    if (rng.chance(0.75)) out[at]! ^= 1 << rng.below(8);
    else out[at] = rng.below(256);
  }
  return { bytes: out, how: `raw:flip@${first}${n > 1 ? `+${n - 1}` : ''}` };
}
