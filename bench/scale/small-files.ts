/**
 * Many small files: one `validate` process over a folder of `count` corpus-sized files, against
 * one process per file. One process per file is measured on a sample (the first `sample` files,
 * one after the other, as a shell loop would) and scaled to `count`: 10,000 processes would take
 * most of an hour on two cores. The sample's files follow the same cycle of corpus files.
 */
import { validateRun, type ValidateRun } from './validate-run.js';

export interface SmallFilesResult {
  readonly count: number;
  readonly bytes: number;
  readonly folder: ValidateRun;
  readonly sample: number;
  /** Mean wall ms of one process per file, over the sample. */
  readonly perFileMs: number;
  /** perFileMs x count: what one process per file would take for all of them. */
  readonly perFileTotalMs: number;
  readonly perFileFailures: number;
}

export function measureSmallFiles(root: string, dir: string, files: readonly string[], bytes: number, sample: number): SmallFilesResult {
  const folder = validateRun(root, [dir]);
  const picked = files.slice(0, Math.max(1, Math.min(sample, files.length)));
  let total = 0;
  let failures = 0;
  for (const f of picked) {
    const r = validateRun(root, [f]);
    total += r.wallMs;
    if (r.failure) failures++;
  }
  const perFileMs = total / picked.length;
  return { count: files.length, bytes, folder, sample: picked.length, perFileMs, perFileTotalMs: perFileMs * files.length, perFileFailures: failures };
}
