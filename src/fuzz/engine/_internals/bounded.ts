import { WorkBudget } from '../../../budget/work-budget.js';
import type { ConsumerProfile } from '../../../consumer/index.js';
import { CappedIssues } from '../../../findings/capped-issues.js';
import type { FileReport } from '../../../report/model.js';
import { simulateConsumer, type CoverageSink, type SimulationResult } from '../../../simulate/index.js';
import { validateBytes } from '../../../validate/index.js';
import type { CheckSetup } from '../checks.js';

/**
 * Time for one input's validation in the fuzzer, as a multiple of the per-input budget. A slow
 * input (a seed file with 4,096 index entries on one record, say) then costs a bounded time,
 * gets a DECODE_BUDGET finding from validate and an OVER_BUDGET one from the executor.
 */
export const VALIDATE_BUDGET_FACTOR = 4;

/**
 * A consumer simulation for the fuzzer: the outcome and first fault only. The static
 * analysis's issues go to a sink that keeps none (a fan-out file yields a million), and its
 * time is bounded by `timeMs`.
 */
export function simulateBounded(bytes: Uint8Array, profile: ConsumerProfile, coverage: CoverageSink | undefined, timeMs: number): SimulationResult {
  return simulateConsumer(bytes, profile, coverage, { sink: DISCARD, budget: new WorkBudget(bytes.length, { timeMs }) });
}

/**
 * A sink that keeps and counts nothing, shared by every run: the campaign reads only a
 * simulation's outcome and first fault, and a fresh CappedIssues per simulation (two maps, two
 * sets, a path string per fault) cost measurable throughput at tens of thousands of runs a second.
 */
class DiscardingIssues extends CappedIssues {
  constructor() {
    super(0);
  }

  override push(): void {}

  override pushKept(): void {}

  override countOnly(): void {}
}

const DISCARD = new DiscardingIssues();

/** validateBytes under a time budget (never unbounded in a campaign). */
export function validateBounded(name: string, bytes: Uint8Array, setup: CheckSetup, timeMs: number): FileReport {
  return validateBytes(name, bytes, { schema: setup.schema, fleet: setup.fleet, budget: { timeMs } });
}
