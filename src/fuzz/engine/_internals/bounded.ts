import { WorkBudget } from '../../../budget/work-budget.js';
import type { SimulationResult } from '../../../consumer/outcome.js';
import type { FileReport } from '../../../report/model.js';
import { modelNodeBudget, simulateModel, type ConsumerModel, type CoverageSink, type ModelProfile } from '../../../model/index.js';
import { validateBytes } from '../../../validate/index.js';
import type { CheckSetup } from '../checks.js';

/**
 * Time for one input's validation in the fuzzer, as a multiple of the per-input budget. A slow
 * input (a seed file with 4,096 index entries on one record, say) then costs a bounded time,
 * gets a DECODE_BUDGET finding from validate and an OVER_BUDGET one from the executor.
 */
export const VALIDATE_BUDGET_FACTOR = 4;

/**
 * A consumer simulation for the fuzzer: the outcome and first fault are what the campaign
 * reads; its time is bounded by `timeMs` and its reads by the model's node budget.
 */
export function simulateBounded(bytes: Uint8Array, model: ConsumerModel, profile: ModelProfile, coverage: CoverageSink | undefined, timeMs: number): SimulationResult {
  const budget = new WorkBudget(bytes.length, { timeMs, nodes: modelNodeBudget(bytes.length) });
  return simulateModel(bytes, model, profile, coverage ? { budget, coverage } : { budget });
}

/** validateBytes under a time budget (never unbounded in a campaign). */
export function validateBounded(name: string, bytes: Uint8Array, setup: CheckSetup, timeMs: number): FileReport {
  return validateBytes(name, bytes, { schema: setup.schema, consumers: { model: setup.model, profiles: setup.fleet }, budget: { timeMs } });
}
