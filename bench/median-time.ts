/** Median milliseconds of `reps` runs of `fn`, after one warm-up run (the JIT's first pass is not the steady state). */
export function medianTime(fn: () => unknown, reps = 5): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
