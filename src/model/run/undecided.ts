import type { Issue } from '../../findings/index.js';

/** A run with no fault that a budget cut short (a DECODE_BUDGET issue): it did not load, it stopped. */
export function undecided(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.code === 'DECODE_BUDGET');
}
