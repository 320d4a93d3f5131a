import type { BaselinedFinding, ConsumerReport, FileReport } from './model.js';

/** The findings a baseline accepted in this file (none without `--baseline`). */
export function baselinedOf(file: FileReport): readonly BaselinedFinding[] {
  return file.baselined ?? [];
}

/**
 * The baseline entry behind a consumer's crash or reject, if the finding that is its fault was
 * accepted: the same code and path, on that consumer or not tied to one (a structural finding a
 * consumer rejects the file for). Such an outcome is known and does not fail the gate, so JUnit
 * must not count it as a failure, and text marks it.
 */
export function baselinedFault(file: FileReport, consumer: ConsumerReport): BaselinedFinding | undefined {
  const fault = consumer.fault;
  if (fault === null || consumer.outcome === 'load') return undefined;
  // A fault with a finding still listed is new, whatever the baseline holds for the same place.
  const listed = file.findings.some((f) => f.code === fault.code && f.path === fault.path && (f.profile === undefined || f.profile === consumer.profile));
  if (listed) return undefined;
  return baselinedOf(file).find(({ finding: f }) =>
    f.code === fault.code && f.path === fault.path && (f.profile === undefined || f.profile === consumer.profile));
}

/** ` (until 2027-01-31)` for an entry with an expiry date, else nothing. */
export function untilText(entry: BaselinedFinding): string {
  return entry.expires !== undefined ? ` (until ${entry.expires})` : '';
}
