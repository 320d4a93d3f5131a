import type { ConsumerProfile } from './profile/types.js';
import { REGEX_FILE_BUDGET_MS, type WorkBudget } from '../../src/budget/work-budget.js';
import type { CappedIssues } from '../../src/findings/capped-issues.js';
import type { Issue } from '../../src/findings/index.js';
import { analyse } from './analyse.js';
import type { CoverageSink } from './branches.js';
import { compileProfile } from './compiled-profile.js';
import { evaluate } from './evaluate.js';
import { loadFile } from './load.js';
import type { SimulationResult } from '../../src/consumer/outcome.js';
import { refusal } from './refuse.js';
import { Run } from './run.js';
import { acquireScratch, releaseScratch } from './scratch.js';

export interface SimulateOptions {
  /**
   * Where the issues go instead of `issues`: the fault is always kept, the analysis's issues are
   * only counted once their code is over the sink's cap.
   */
  readonly sink?: CappedIssues;
  /** The file's budget: the static analysis stops (with a DECODE_BUDGET finding) when its time runs out. */
  readonly budget?: WorkBudget;
}

/**
 * What `profile`'s consumer does with `bytes` (spec section 3), read from the raw bytes
 * with no schema: reject, crash (first fault), or load. `issues` holds the fault (a
 * refusal only when it is LIMIT_EXCEEDED) and the static analysis of everything decoded
 * (empty when `options.sink` took them). Never throws on any input.
 */
export function simulateConsumer(bytes: Uint8Array, profile: ConsumerProfile, coverage?: CoverageSink, options: SimulateOptions = {}): SimulationResult {
  const cp = compileProfile(profile);
  const s = acquireScratch();
  const r = new Run(bytes, cp, s, coverage, options.budget);
  const issues: Issue[] = [];
  const keep = (issue: Issue): void => { if (options.sink) options.sink.pushKept(issue); else issues.push(issue); };
  try {
    const refused = refusal(r.view, cp, coverage);
    if (refused !== null) {
      if (refused.code === 'LIMIT_EXCEEDED') keep(faultIssue(refused, profile.name));
      return { profile: profile.name, outcome: 'reject', fault: refused, issues };
    }
    loadFile(r);
    const loads = r.fault === null && evaluate(r);
    if (r.fault !== null) keep(faultIssue(r.fault, profile.name));
    if (r.unjudged && r.fault === null) {
      // Whether this consumer compiles the pattern is unknown: the file is not passed as loading cleanly.
      keep({ code: 'DECODE_BUDGET', path: r.unjudged.path, offset: r.unjudged.offset, profile: profile.name,
        details: { budget: 'regex time', limit: REGEX_FILE_BUDGET_MS, stage: 'consumer simulation', reason: r.unjudged.reason } });
    }
    if (r.cutShort) {
      keep({ code: 'DECODE_BUDGET', path: r.cutShort.path, offset: r.cutShort.offset, profile: profile.name, details: { ...r.cutShort.details, stage: 'consumer simulation' } });
    }
    analyse(r, options.sink ?? issues, options.budget);
    return { profile: profile.name, outcome: loads ? 'load' : 'crash', fault: r.fault, issues };
  } finally {
    releaseScratch(s, r.typeCount);
  }
}

function faultIssue(fault: NonNullable<SimulationResult['fault']>, profile: string): Issue {
  return { code: fault.code, path: fault.path, offset: fault.offset, details: fault.details, profile };
}
