/**
 * The linear-time series: one file per size from 1 KiB up, each validated by one whole process
 * (budgets raised, so all of it is validated) with its peak RSS, beside the walker on the same
 * file. Time per byte is taken above start-up: the smallest file's wall time stands for the
 * start-up, and is subtracted.
 */
import type { SeriesFile } from './files.js';
import { walkerPass } from './in-process.js';
import { timedNode, type TimedRun } from './timed-run.js';
import { NO_BUDGETS, validateRun, type ValidateRun } from './validate-run.js';

/** `node -e 0` as one process: the floor of wall time and RSS that any Node program starts from. */
export const nodeFloor = (root: string): TimedRun => timedNode(['-e', '0'], root);

export interface SeriesRow {
  readonly file: SeriesFile;
  readonly validate: ValidateRun;
  readonly walkerMs: number;
  /** The RSS target of issue 12: 64 MB + 2 x the file. */
  readonly rssLimit: number;
}

const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;

export function measureSeries(root: string, files: readonly SeriesFile[], say: (s: string) => void): SeriesRow[] {
  return files.map((file) => {
    // Small files: the median of 3 processes (start-up noise); from 16 MiB on, one.
    const runs = Array.from({ length: file.bytes < 16 << 20 ? 3 : 1 }, () => validateRun(root, [file.file], NO_BUDGETS));
    const validate = median(runs, (r) => r.wallMs);
    const walkerMs = walkerPass([file.file], file.bytes < 16 << 20 ? 9 : 3).ms;
    const row = { file, validate, walkerMs, rssLimit: 64e6 + 2 * file.bytes };
    say(`  ${mib(file.bytes).padStart(10)}  validate ${(validate.wallMs / 1000).toFixed(2)} s, ${mb(validate.maxRss)} peak RSS${validate.failure ? ` FAILED ${validate.failure}` : ''}; walker ${walkerMs.toFixed(2)} ms`);
    return row;
  });
}

/** ns per byte above start-up (the smallest file's wall time). */
export function netNsPerByte(rows: readonly SeriesRow[], row: SeriesRow): number {
  const startup = rows[0]!.validate.wallMs;
  return ((row.validate.wallMs - startup) * 1e6) / (row.file.bytes - rows[0]!.file.bytes);
}

export const mib = (n: number): string => (n >= 1000 * 1024 ? `${(n / 2 ** 20).toFixed(n >= 10 << 20 ? 0 : 2)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(n >= 10240 ? 0 : 2)} KiB` : `${n} B`);
export const mb = (n: number): string => (Number.isFinite(n) ? `${(n / 1e6).toFixed(0)} MB` : '?');
