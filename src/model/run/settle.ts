import { REGEX_FILE_BUDGET_MS } from '../../budget/work-budget.js';
import type { ConsumerFault, SimulationResult } from '../../consumer/outcome.js';
import type { FieldPath, FindingCode, Issue } from '../../findings/index.js';
import type { BranchTable, CoverageSink } from '../coverage.js';

/**
 * How a run ends, the same for the interpreter (src/model/run) and the compiled consumer
 * (src/model/compile): each reads the file its own way, then both settle the result here.
 */

/** Whether an issue at (code, path) is the run's fault itself (listed once, as the fault). */
export function isFault(fault: ConsumerFault | null, code: FindingCode, path: FieldPath): boolean {
  return fault !== null && fault.code === code && fault.path.length === path.length && fault.path.every((p, i) => p === path[i]);
}

/** The input read the consumer meets first: key by key in the profile's order, then in read order. */
export function firstInKeyOrder<R extends { readonly rank: number }>(reads: readonly R[]): R {
  let first = reads[0]!;
  for (const r of reads) if (r.rank < first.rank) first = r;
  return first;
}

/** A refusal: reported as an issue too when it rests on a profile limit the schema cannot see. */
export function rejected(profile: string, refused: { readonly fault: ConsumerFault; readonly report: boolean }, branches: BranchTable, cov: CoverageSink | null): SimulationResult {
  cov?.hit(branches.outcomeReject);
  return { profile, outcome: 'reject', fault: refused.fault, issues: refused.report ? [{ ...refused.fault, profile }] : [] };
}

/**
 * A loaded run's result: the fault first, then a pattern no engine had time to judge (when nothing
 * faulted), then the other issues and hazards. With no fault, a run a budget cut short is
 * `undecided`, never a load.
 */
export function settled(
  profile: string, fault: ConsumerFault | null, unjudged: { readonly path: FieldPath; readonly offset: number; readonly reason: string } | undefined,
  rest: readonly Issue[], branches: BranchTable, cov: CoverageSink | null,
): SimulationResult {
  const issues: Issue[] = [];
  if (fault) issues.push({ ...fault, profile });
  if (unjudged && fault === null) {
    issues.push({ code: 'DECODE_BUDGET', path: unjudged.path, offset: unjudged.offset, profile,
      details: { budget: 'regex time', limit: REGEX_FILE_BUDGET_MS, stage: 'consumer model', reason: unjudged.reason } });
  }
  for (const issue of rest) issues.push(issue); // not push(...rest): a fan-out file has a million, past the argument limit
  cov?.hit(fault ? branches.outcomeCrash : branches.outcomeLoad);
  const cutShort = fault === null && issues.some((i) => i.code === 'DECODE_BUDGET');
  return { profile, outcome: fault ? 'crash' : cutShort ? 'undecided' : 'load', fault, issues };
}
