import type { Outcome } from '../consumer/outcome.js';
import type { CodeCatalog, Finding } from '../findings/index.js';

/** 'error': the file could not be validated at all (set by the CLI, never by validateBytes). */
export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

/** One consumer profile's outcome for one file (spec section 4, question 2). */
export interface ConsumerReport {
  readonly profile: string;
  readonly outcome: Outcome;
  readonly population: number;
  /** The first fault for `crash`, the refusal reason for `reject`, null for `load`. */
  readonly fault: { readonly code: string; readonly path: string; readonly offset: number; readonly message: string } | null;
  /**
   * The real consumer run by `--exec` (population 0): not a deployed version of the fleet, so the
   * blast radius leaves it out and reports shows it apart.
   */
  readonly real?: true;
}

/**
 * A finding a baseline (`--baseline`) accepts: still reported, marked, with the baseline's reason,
 * and never counted by the verdict or the gate.
 */
export interface BaselinedFinding {
  readonly finding: Finding;
  readonly reason: string;
  /** `YYYY-MM-DD`: the entry accepts the finding through that day (UTC). */
  readonly expires?: string;
}

export interface FileReport {
  /** As given on the command line. */
  readonly file: string;
  readonly verdict: Verdict;
  /** Sorted: errors before warnings, then by offset. */
  readonly findings: readonly Finding[];
  readonly consumers: readonly ConsumerReport[];
  /** True number of findings per code in this file, before the per-code cap. */
  readonly totals: Readonly<Record<string, number>>;
  /** Findings left out of `findings` by the per-code cap, per code (absent when none). */
  readonly omitted?: Readonly<Record<string, number>>;
  /** verdict 'error': the file could not be validated (unreadable, not a regular file, over the
   *  size limit, internal error). One line, names the file. No findings then. */
  readonly error?: string;
  /** sha256 of the bytes, hex (for baselines); absent when the file could not be read. */
  readonly sha256?: string;
  /**
   * Findings the baseline accepted, moved out of `findings` (absent when none, or without
   * `--baseline`). `verdict` is worked out without them, so a renderer that ignores this field
   * still gives the right gate.
   */
  readonly baselined?: readonly BaselinedFinding[];
}

export interface FleetMember {
  readonly name: string;
  readonly population: number;
  readonly source: string;
}

/** Everything one `preflight validate` run produced: the input of every reporter. */
export interface ValidationReport {
  readonly tool: { readonly name: 'preflight'; readonly version: string };
  readonly schema: { readonly name: string; readonly source: string };
  readonly fleet: readonly FleetMember[];
  readonly files: readonly FileReport[];
  /**
   * The finding codes the consumer model defines for its format (`codes:`), for the findings that
   * carry one: SARIF rules take their title and help from here. Absent: built-in codes only.
   */
  readonly codes?: CodeCatalog;
}
