import type { FileReport } from '../report/model.js';

/**
 * One accepted finding. It matches a finding with the same `code`, the same `path` (`[*]`
 * stands for any index), the same `profile` when the entry names one, in a file whose bytes
 * hash to `sha256`: the same finding in a changed file is new again.
 */
export interface BaselineEntry {
  readonly code: string;
  readonly path: string;
  readonly sha256: string;
  readonly profile?: string;
  /** Where the finding was seen when the entry was written: for people, not for matching. */
  readonly file?: string;
  /** Why the finding is accepted. Required, and not the placeholder `--write-baseline` leaves. */
  readonly reason: string;
  /** `YYYY-MM-DD`: the entry suppresses through that day (UTC), and is reported as expired after. */
  readonly expires?: string;
  /** 1-based line of the entry in the baseline file, for messages. */
  readonly line: number;
}

/**
 * One accepted fuzz bucket (`preflight fuzz --baseline`): its key `kind|profile|fault|location`
 * as the campaign report prints it. Its bucket and the saved reproducers in it do not fail the run.
 */
export interface BucketBaselineEntry {
  readonly bucket: string;
  readonly reason: string;
  readonly expires?: string;
  readonly line: number;
}

export interface Baseline {
  readonly source: string;
  /** Accepted findings, for `validate`. */
  readonly entries: readonly BaselineEntry[];
  /** Accepted fuzz buckets, for `fuzz`. */
  readonly buckets: readonly BucketBaselineEntry[];
}

/** The one type of an accepted finding lives with the report model, which carries it. */
export type { BaselinedFinding } from '../report/model.js';

/**
 * A FileReport, which may carry `baselined` (see src/report/model.ts). Kept as a name for the
 * callers that use it; it is the same type.
 */
export type BaselinedFileReport = FileReport;

/** The placeholder reason `--write-baseline` writes; the gate refuses it until it is replaced. */
export const REASON_PLACEHOLDER = 'TODO: say why this finding is accepted';

export const BASELINE_VERSION = 1;
