import type { FieldPath } from './path.js';
import type { FindingCode, Severity } from './codes.js';

/**
 * A problem as data. Messages are rendered from `code` and `details` at report time,
 * so checks never build strings on the hot path.
 */
export interface Issue {
  readonly code: FindingCode;
  /** Relative to whoever raised it until a parent prefixes it; absolute once reported. */
  readonly path: FieldPath;
  /** Absolute byte offset in the file; -1 until resolved from the path. */
  readonly offset: number;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Overrides the code's default severity (a schema may downgrade a check to a warning). */
  readonly severity?: Severity;
  /** The consumer profile this finding is about, for consumer faults and hazards. */
  readonly profile?: string;
}

/** A finding as reported: an issue with its message rendered and severity settled. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly offset: number;
  readonly profile?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
