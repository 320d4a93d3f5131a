/** One element's partner in the other file: both sides for a matched pair, one for an addition or a removal. */
export interface Pair {
  readonly old: number | undefined;
  readonly new: number | undefined;
}

/** The most cells of the longest-common-run table; past it, unmatched middles pair by position. */
const LCS_CELLS = 1_000_000;
/** The most cells of the similarity table for one run of unmatched elements. */
const GAP_CELLS = 4_096;
/** Elements less alike than this are an addition and a removal, not one changed element. */
const ALIKE = 0.5;

/**
 * Elements matched by a schema key: the n-th old element with a key value matches the n-th new
 * one with it (so duplicate keys in a hostile file still pair one to one).
 */
export function alignByKey(oldKeys: readonly string[], newKeys: readonly string[]): Pair[] {
  const waiting = new Map<string, number[]>();
  oldKeys.forEach((k, i) => (waiting.get(k) ?? waiting.set(k, []).get(k)!).push(i));
  const partner = new Array<number | undefined>(newKeys.length);
  const next = new Map<string, number>();
  newKeys.forEach((k, j) => {
    const list = waiting.get(k);
    const n = next.get(k) ?? 0;
    if (list !== undefined && n < list.length) {
      partner[j] = list[n];
      next.set(k, n + 1);
    }
  });
  return interleave(oldKeys.length, partner);
}

/**
 * Elements without a key. Arrays of the same length pair by position (element i is element i:
 * a criterion's index is its input field). When the length changed, identical runs are aligned
 * first (longest common subsequence of fingerprints), and each run of leftovers pairs its most
 * alike elements (`similarity` in 0..1), so one insertion is one addition, not a cascade.
 */
export function alignByPosition(oldPrints: readonly number[], newPrints: readonly number[], similarity: (i: number, j: number) => number): Pair[] {
  const n = oldPrints.length;
  const m = newPrints.length;
  const partner = new Array<number | undefined>(m);
  if (n === m) {
    for (let j = 0; j < m; j++) partner[j] = j;
    return interleave(n, partner);
  }
  let head = 0;
  while (head < n && head < m && oldPrints[head] === newPrints[head]) partner[head] = head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && oldPrints[n - 1 - tail] === newPrints[m - 1 - tail]) {
    partner[m - 1 - tail] = n - 1 - tail;
    tail++;
  }
  const anchors = commonRun(oldPrints, newPrints, head, n - tail, head, m - tail);
  let i0 = head;
  let j0 = head;
  for (const [i, j] of [...anchors, [n - tail, m - tail] as const]) {
    pairGap(i0, i, j0, j, partner, similarity);
    if (i < n - tail) partner[j] = i;
    i0 = i + 1;
    j0 = j + 1;
  }
  return interleave(n, partner);
}

/** Matched index pairs of the longest common subsequence of a[i0..i1) and b[j0..j1); none when the table would be too large. */
function commonRun(a: readonly number[], b: readonly number[], i0: number, i1: number, j0: number, j1: number): Array<readonly [number, number]> {
  const p = i1 - i0;
  const q = j1 - j0;
  if (p === 0 || q === 0 || (p + 1) * (q + 1) > LCS_CELLS) return [];
  const w = q + 1;
  const t = new Int32Array((p + 1) * w);
  for (let i = p - 1; i >= 0; i--) {
    for (let j = q - 1; j >= 0; j--) {
      t[i * w + j] = a[i0 + i] === b[j0 + j] ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  const out: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < p && j < q) {
    if (a[i0 + i] === b[j0 + j]) out.push([i0 + i++, j0 + j++]);
    else if (t[(i + 1) * w + j]! >= t[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

/** Pairs the leftovers old[i0..i1) with new[j0..j1): by position when as many, else the most alike ones, in order. */
function pairGap(i0: number, i1: number, j0: number, j1: number, partner: Array<number | undefined>, similarity: (i: number, j: number) => number): void {
  const p = i1 - i0;
  const q = j1 - j0;
  if (p === 0 || q === 0) return;
  if (p === q || p * q > GAP_CELLS) {
    for (let k = 0; k < Math.min(p, q); k++) partner[j0 + k] = i0 + k;
    return;
  }
  const w = q + 1;
  const score = new Float64Array((p + 1) * w);
  const sim = new Float64Array(p * q);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) sim[i * q + j] = similarity(i0 + i, j0 + j);
  for (let i = p - 1; i >= 0; i--) {
    for (let j = q - 1; j >= 0; j--) {
      const s = sim[i * q + j]!;
      const take = s >= ALIKE ? score[(i + 1) * w + j + 1]! + s : -1;
      score[i * w + j] = Math.max(take, score[(i + 1) * w + j]!, score[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < p && j < q) {
    const s = sim[i * q + j]!;
    if (s >= ALIKE && score[i * w + j] === score[(i + 1) * w + j + 1]! + s) partner[j0 + j++] = i0 + i++;
    else if (score[(i + 1) * w + j]! >= score[i * w + j + 1]!) i++;
    else j++;
  }
}

/** New elements in order, each removed old element placed before the first new element whose partner follows it. */
function interleave(oldCount: number, partner: ReadonlyArray<number | undefined>): Pair[] {
  const matched = new Uint8Array(oldCount);
  for (const i of partner) if (i !== undefined) matched[i] = 1;
  const out: Pair[] = [];
  let nextOld = 0;
  const flushTo = (limit: number): void => {
    for (; nextOld < limit; nextOld++) if (!matched[nextOld]) out.push({ old: nextOld, new: undefined });
  };
  for (let j = 0; j < partner.length; j++) { // a for loop: forEach would skip the holes (unmatched new elements)
    const i = partner[j];
    if (i !== undefined) flushTo(i);
    out.push({ old: i, new: j });
  }
  flushTo(oldCount);
  return out;
}
