import type { EnumDef, FieldDef } from '../../schema/index.js';
import { bigBetween, below, chance, pick, weighted, type Source } from './choice.js';
import { enumValue } from './ints.js';

/**
 * A value for a bit field of `n` bits (`b1`..`b64`), shaped by its rules and enum like drawInt.
 * Always within the width (a wider value cannot be written); a noisy draw breaks a rule instead.
 * The decoder's convention: a number up to 32 bits, a bigint above.
 */
export function drawBits(src: Source, f: FieldDef, n: number, en: EnumDef | undefined, hints: readonly number[], noise: number): number | bigint {
  const hi = (1n << BigInt(n)) - 1n;
  const out = chance(src, noise);
  let v: bigint | undefined;
  for (const rule of f.valid) {
    const r = rule.rule;
    if (r.kind === 'eq') v = out ? r.value ^ 1n : r.value;
    else if (r.kind === 'in' && r.values.length) v = out ? bigBetween(src, 0n, hi) : pick(src, r.values);
    else if (r.kind === 'mask') v = bigBetween(src, 0n, hi) & (out ? ~r.allowed : r.allowed);
    else if (r.kind === 'range') {
      const min = r.min ?? 0n;
      const max = r.max ?? hi;
      v = out ? (chance(src, 0.5) ? max + 1n : min - 1n) : chance(src, 0.5) ? pick(src, [min, max]) : bigBetween(src, min, max < hi ? max : hi);
    } else continue;
    break;
  }
  if (v === undefined && en && en.byValue.size) v = enumValue(src, en, out);
  if (v === undefined) v = edge(src, hi, hints);
  if (v < 0n || v > hi) v &= hi;
  return n <= 32 ? Number(v) : v;
}

function edge(src: Source, hi: bigint, hints: readonly number[]): bigint {
  switch (weighted(src, [3, 2, 2, 2])) {
    case 0: return BigInt(below(src, 4));
    case 1: return hints.length ? BigInt(pick(src, hints)) : 0n;
    case 2: return pick(src, [hi, 0n, hi - 1n, hi >> 1n, (hi >> 1n) + 1n]);
    default: return bigBetween(src, 0n, hi);
  }
}
