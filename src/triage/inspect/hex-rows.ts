/** Bytes per line of the hex dump. */
export const ROW = 16;

/** A half-open byte range [lo, hi). */
export type Span = readonly [number, number];

/** A line of the dump (its first offset, a multiple of ROW), or a note of the bytes left out before the next. */
export type HexRow = { readonly start: number } | { readonly skipped: number; readonly from: number; readonly to: number };

/**
 * The lines of a dump of `spans`, at most `maxBytes / ROW` of them (0: no bound): first the
 * lines around the offsets in `focus` (findings, where reading stopped), then from the start of
 * the first span onward, and the last line; each run of lines left out becomes one note.
 */
export function hexRows(spans: readonly Span[], focus: readonly number[], maxBytes: number): HexRow[] {
  const all = rowsOf(spans);
  const budget = maxBytes > 0 ? Math.max(1, Math.floor(maxBytes / ROW)) : Infinity;
  let chosen: number[];
  if (all.count <= budget) chosen = all.list(Infinity);
  else {
    const picked = new Set<number>();
    for (const off of focus) {
      if (picked.size >= budget / 2) break;
      const r = Math.floor(off / ROW) * ROW;
      for (const s of [r - ROW, r, r + ROW]) if (all.has(s)) picked.add(s);
    }
    const last = all.last();
    if (last !== undefined) picked.add(last);
    for (const s of all.list(budget)) {
      if (picked.size >= budget) break;
      picked.add(s);
    }
    chosen = [...picked].sort((a, b) => a - b);
  }
  const out: HexRow[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const start = chosen[i]!;
    const prev = chosen[i - 1];
    if (prev !== undefined) {
      const gap = all.between(prev + ROW, start);
      if (gap > 0 || start > prev + ROW) out.push({ skipped: gap, from: prev + ROW, to: start });
    }
    out.push({ start });
  }
  const tail = chosen.length ? all.between(chosen[chosen.length - 1]! + ROW, Infinity) : 0;
  if (tail > 0) out.push({ skipped: tail, from: chosen[chosen.length - 1]! + ROW, to: all.end });
  return out;
}

/** The dump's lines as row starts, without listing them all (a span can be a gigabyte). */
function rowsOf(spans: readonly Span[]) {
  const ranges = mergeRows(spans);
  const count = ranges.reduce((n, [a, b]) => n + (b - a) / ROW, 0);
  return {
    count,
    end: ranges.length ? ranges[ranges.length - 1]![1] : 0,
    has: (s: number) => ranges.some(([a, b]) => s >= a && s < b),
    last: () => (ranges.length ? ranges[ranges.length - 1]![1] - ROW : undefined),
    list(max: number): number[] {
      const out: number[] = [];
      for (const [a, b] of ranges) for (let s = a; s < b && out.length < max; s += ROW) out.push(s);
      return out;
    },
    /** Bytes of the spans in [from, to): what a note says was left out. */
    between(from: number, to: number): number {
      let n = 0;
      for (const [a, b] of spans) n += Math.max(0, Math.min(b, to) - Math.max(a, from));
      return n;
    },
  };
}

/** The spans widened to whole lines, sorted and joined. */
function mergeRows(spans: readonly Span[]): [number, number][] {
  const rows = spans.filter(([a, b]) => b > a).map(([a, b]) => [Math.floor(a / ROW) * ROW, Math.ceil(b / ROW) * ROW] as [number, number]);
  rows.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
