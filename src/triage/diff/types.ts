import type { Outcome } from '../../consumer/outcome.js';
import type { Finding } from '../../findings/index.js';
import type { ConsumerReport, Verdict } from '../../report/model.js';

/**
 * What changed between two versions of a content file, in the terms of its schema, and what the
 * change does to each consumer. Problems are data: renderers (text, JSON, HTML) format it.
 */
export interface FileDiff {
  readonly format: string;
  readonly old: FileSide;
  readonly new: FileSide;
  /** The two files hold the same bytes. */
  readonly identical: boolean;
  /** Listed changes, in file order (at most `maxChanges`; `counts` has the true totals). */
  readonly changes: readonly Change[];
  readonly counts: ChangeCounts;
  /** One entry per consumer profile (empty for a format without a consumer model). */
  readonly consumers: readonly ConsumerChange[];
  readonly findings: FindingChanges;
  /** Some consumer's outcome got worse (OUTCOME_RANK): the release gate (exit 1). */
  readonly worse: boolean;
}

export interface FileSide {
  readonly size: number;
  /** The decoder read the whole file; false: changes past where it stopped are not seen. */
  readonly complete: boolean;
  readonly verdict: Verdict;
  readonly sha256: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * One element added or removed, or one struct whose own values changed. `path` names it by
 * identity: an element of an array with a schema key by that key (`instances[instance_id=106]`),
 * any other by its index in the new file.
 */
export interface Change {
  readonly kind: ChangeKind;
  readonly path: string;
  /** Where it is in the new file (absent for a removal). */
  readonly newPath?: string;
  readonly newOffset?: number;
  /** Where it was in the old file (absent for an addition). */
  readonly oldPath?: string;
  readonly oldOffset?: number;
  /** For `changed`: the values that differ, as a person reads them. */
  readonly fields?: readonly FieldChange[];
  /** For `added` and `removed`: the element's content, one line per field or run of like elements. */
  readonly content?: readonly string[];
  /** Content lines left out of `content` to keep it short. */
  readonly contentOmitted?: number;
}

export interface FieldChange {
  /** Relative to the change's path: `op`, `text`, `field_kinds[20]`. */
  readonly field: string;
  /** Absent: the field is not in that version (another case of a switch, an element added). */
  readonly old?: string;
  readonly new?: string;
  /** Where the value is: in the new file, or in the old one for a value only it has. */
  readonly offset?: number;
  /** Why a layout field is listed: its value is not the one the schema derives. */
  readonly note?: string;
}

export interface ChangeCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Changes counted but not listed (over `maxChanges`). */
  readonly omitted: number;
  /**
   * Layout fields (counts, sizes, offsets, checksums, pools: fields the schema derives from the
   * layout) whose change the new file's own layout explains: counted, not listed.
   */
  readonly layoutFollowed: number;
}

/** One consumer profile's outcome on each file. */
export interface ConsumerChange {
  readonly profile: string;
  readonly population: number;
  readonly old: ConsumerReport;
  readonly new: ConsumerReport;
  /** worse/better by OUTCOME_RANK; `moved`: same outcome, another fault or place; `same` otherwise. */
  readonly change: 'worse' | 'better' | 'moved' | 'same';
}

/** Findings matched across the files by code, profile and identity path (not raw offset or index). */
export interface FindingChanges {
  readonly appeared: readonly Finding[];
  readonly resolved: readonly Finding[];
  /** True totals before the list cap. */
  readonly appearedTotal: number;
  readonly resolvedTotal: number;
}

/**
 * How bad an outcome is, for the gate. A refusal is a known, safe failure (the consumer keeps its
 * previous content and keeps running); undecided means a budget cut the simulation short, so it
 * may hide a crash and ranks above a refusal; a crash is the worst.
 */
export const OUTCOME_RANK: Readonly<Record<Outcome, number>> = { load: 0, reject: 1, undecided: 2, crash: 3 };

export const DEFAULT_MAX_CHANGES = 200;
