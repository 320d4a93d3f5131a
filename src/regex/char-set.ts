/**
 * Sets of Unicode code points, as sorted, disjoint, non-touching inclusive [lo, hi] pairs
 * flattened into one array. The ReDoS analysis only asks "can these overlap?" and "is this
 * inside that?", so sets may be coarsened into supersets: see MAX_RANGES.
 */
export type CharSet = readonly number[];

export const MAX_CODE_POINT = 0x10ffff;
export const EMPTY_SET: CharSet = [];
export const FULL_SET: CharSet = [0, MAX_CODE_POINT];

/**
 * Sets with more ranges than this are widened by bridging their smallest gaps. Without a cap a
 * long hostile pattern (thousands of distinct literals) makes every union linear in the pattern
 * and the whole analysis quadratic. Widening only makes overlaps more likely, which errs towards
 * reporting a hazard.
 */
const MAX_RANGES = 64;

export function singleChar(codePoint: number): CharSet {
  return [codePoint, codePoint];
}

export function charRange(lo: number, hi: number): CharSet {
  return lo <= hi ? [lo, hi] : [hi, lo];
}

/** Builds a set from [lo, hi] pairs in any order, possibly overlapping. */
export function charSetFromPairs(pairs: readonly number[]): CharSet {
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const a = pairs[i]!;
    const b = pairs[i + 1]!;
    ranges.push(a <= b ? [a, b] : [b, a]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: number[] = [];
  for (const [lo, hi] of ranges) {
    const last = merged.length - 1;
    if (last > 0 && lo <= merged[last]! + 1) merged[last] = Math.max(merged[last]!, hi);
    else merged.push(lo, hi);
  }
  return capRanges(merged);
}

export function unionSets(a: CharSet, b: CharSet): CharSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return charSetFromPairs([...a, ...b]);
}

export function complementSet(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

export function isEmptySet(set: CharSet): boolean {
  return set.length === 0;
}

export function setsIntersect(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

/** True when every code point of `inner` is in `outer` (the empty set is inside everything). */
export function isSubsetOf(inner: CharSet, outer: CharSet): boolean {
  let j = 0;
  for (let i = 0; i < inner.length; i += 2) {
    while (j < outer.length && outer[j + 1]! < inner[i]!) j += 2;
    if (j >= outer.length || outer[j]! > inner[i]! || outer[j + 1]! < inner[i + 1]!) return false;
  }
  return true;
}

/**
 * Adds the other ASCII case of every ASCII letter. RE2's (?i) also folds non-ASCII letters;
 * ignoring those only hides overlaps between non-ASCII literals of different case.
 */
export function foldAsciiCase(set: CharSet): CharSet {
  const extra: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    addShifted(extra, set[i]!, set[i + 1]!, 0x41, 0x5a, 0x20);
    addShifted(extra, set[i]!, set[i + 1]!, 0x61, 0x7a, -0x20);
  }
  return extra.length === 0 ? set : charSetFromPairs([...set, ...extra]);
}

function addShifted(out: number[], lo: number, hi: number, from: number, to: number, shift: number): void {
  const a = Math.max(lo, from);
  const b = Math.min(hi, to);
  if (a <= b) out.push(a + shift, b + shift);
}

function capRanges(ranges: number[]): CharSet {
  const rangeCount = ranges.length / 2;
  if (rangeCount <= MAX_RANGES) return ranges;
  // Bridge the (rangeCount - MAX_RANGES) narrowest gaps in one pass: O(r log r), not O(r²).
  const gapStarts: number[] = [];
  for (let i = 1; i + 1 < ranges.length; i += 2) gapStarts.push(i);
  gapStarts.sort((x, y) => ranges[x + 1]! - ranges[x]! - (ranges[y + 1]! - ranges[y]!) || x - y);
  const bridged = new Set(gapStarts.slice(0, rangeCount - MAX_RANGES));
  const out: number[] = [ranges[0]!];
  for (let i = 1; i + 1 < ranges.length; i += 2) {
    if (!bridged.has(i)) out.push(ranges[i]!, ranges[i + 1]!);
  }
  out.push(ranges[ranges.length - 1]!);
  return out;
}
