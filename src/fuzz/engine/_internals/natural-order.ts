/**
 * Compares strings with their digit runs as numbers (`criteria[4]` before `criteria[20]`),
 * by code units otherwise: the same order on every machine (no locale collation).
 */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = x.length - y.length || (x < y ? -1 : 1);
      if (Number(x) !== Number(y)) return Number(x) - Number(y);
      return d;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
