/** Fuzz campaigns in docs run for seconds or minutes; here they run this many inputs at most. */
export const DOC_FUZZ_RUNS = 300;

/**
 * `preflight fuzz …` with `--time S` replaced by `--runs 300`, `--runs N` cut to 300, and
 * `--seed 1 --workers 1` added when the doc gives no seed or workers: the same command, short,
 * deterministic and on one core. Other commands are returned as they are.
 */
export function boundFuzz(command: string): string {
  const m = /^(preflight\s+fuzz)\b/.exec(command);
  if (!m) return command;
  let rest = command.slice(m[0].length)
    .replace(/--time[\s=]+\d+/g, `--runs ${DOC_FUZZ_RUNS}`)
    .replace(/--runs[\s=]+(\d+)/g, (_s, n: string) => `--runs ${Math.min(Number(n), DOC_FUZZ_RUNS)}`);
  if (!/--seed\b/.test(rest)) rest = ` --seed 1${rest}`;
  if (!/--workers\b/.test(rest)) rest = ` --workers 1${rest}`;
  return `${m[1]}${rest}`;
}
