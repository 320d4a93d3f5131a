import { createHash } from 'node:crypto';

/** The engine's seeds are 32-bit: its generators (Rng) are seeded with a uint32. */
export const MAX_ENGINE_SEED = 0xffffffff;

/**
 * The campaign seed for a `--seed` value: any integer, of any size or sign. 0..2^32-1 is used
 * as it is; anything else (a GitHub run id is past 2^32) is hashed to 32 bits (the first four
 * bytes of the SHA-256 of its decimal form). So the given value and the seed it maps to run
 * the same campaign. Undefined when the text is not an integer.
 */
export function campaignSeed(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?\d{1,4096}$/.test(t)) return undefined;
  const n = BigInt(t);
  if (n >= 0n && n <= BigInt(MAX_ENGINE_SEED)) return Number(n);
  return createHash('sha256').update(n.toString()).digest().readUInt32BE(0);
}
