import type { ConsumerProfile } from '../consumer/types.js';
import type { Issue } from '../findings/index.js';
import { analyse } from './analyse.js';
import type { CoverageSink } from './branches.js';
import { compileProfile } from './compiled-profile.js';
import { evaluate } from './evaluate.js';
import { loadFile } from './load.js';
import type { SimulationResult } from './outcome.js';
import { refusal } from './refuse.js';
import { Run } from './run.js';
import { acquireScratch, releaseScratch } from './scratch.js';

/**
 * What `profile`'s consumer does with `bytes` (spec section 3), read from the raw bytes
 * with no schema: reject, crash (first fault), or load. `issues` holds the fault (a
 * refusal only when it is LIMIT_EXCEEDED) and the static analysis of everything decoded.
 * Never throws on any input.
 */
export function simulateConsumer(bytes: Uint8Array, profile: ConsumerProfile, coverage?: CoverageSink): SimulationResult {
  const cp = compileProfile(profile);
  const s = acquireScratch();
  const r = new Run(bytes, cp, s, coverage);
  try {
    const refused = refusal(r.view, cp, coverage);
    if (refused !== null) {
      const issues: Issue[] = refused.code === 'LIMIT_EXCEEDED' ? [faultIssue(refused, profile.name)] : [];
      return { profile: profile.name, outcome: 'reject', fault: refused, issues };
    }
    loadFile(r);
    const loads = r.fault === null && evaluate(r);
    const issues: Issue[] = [];
    if (r.fault !== null) issues.push(faultIssue(r.fault, profile.name));
    analyse(r, issues);
    return { profile: profile.name, outcome: loads ? 'load' : 'crash', fault: r.fault, issues };
  } finally {
    releaseScratch(s, r.typeCount);
  }
}

function faultIssue(fault: NonNullable<SimulationResult['fault']>, profile: string): Issue {
  return { code: fault.code, path: fault.path, offset: fault.offset, details: fault.details, profile };
}
