import { WorkBudget, defaultNodeBudget } from '../../budget/work-budget.js';
import type { Issue } from '../../findings/index.js';
import { rootScope } from '../../schema/index.js';
import type { SimulationResult } from '../../consumer/outcome.js';
import { isFault, rejected, settled } from './settle.js';
import { branchTable, type CoverageSink } from '../coverage.js';
import { compileConsumer } from '../compile/compile-consumer.js';
import type { ConsumerModel, ModelProfile } from '../types.js';
import { bindInputs } from './bind-inputs.js';
import { bindProfile } from './compile.js';
import { refusal } from './refuse.js';
import { HALT, ModelRun, SPENT } from './state.js';
import { readRootField } from './walker.js';

/**
 * Nodes (values read) a model-driven simulation may produce by default. A consumer reads a record
 * as often as the layout points at it (4,096 index entries at one record of 255 criteria is a
 * million criteria in an 18 KB file, and the hand-written consumer reads them all), so the bound
 * is on memory, not on bytes: about 100 bytes a node, 400 MB at most.
 */
export const modelNodeBudget = (size: number): number => Math.max(defaultNodeBudget(size), 4_000_000);

export interface ModelSimulateOptions {
  /** The file's budget (time and nodes); a fresh default budget when absent. */
  readonly budget?: WorkBudget;
  /** Counts the decisions taken (ids of branchTable(model)), for the fuzzer. */
  readonly coverage?: CoverageSink;
  /**
   * Which consumer runs: the compiled one (src/model/compile) with the interpreter where it bails
   * or the model is not compiled ('auto', the default), or only one of them (tests compare them).
   * 'compiled' still falls back to the interpreter when the compiled code bails.
   */
  readonly engine?: 'auto' | 'compiled' | 'interpreter';
}

/**
 * What `profile`'s consumer, as `model` describes it, does with `bytes`: refuse, then load in the
 * consumer's read order with trust, then bind inputs; the first fault decides the outcome, and
 * every issue and hazard is still reported. The same result shape as src/simulate. Never throws
 * on any bytes: every loop is bounded by the bytes it reads and by the budget.
 */
export function simulateModel(bytes: Uint8Array, model: ConsumerModel, profile: ModelProfile, options: ModelSimulateOptions = {}): SimulationResult {
  const budget = options.budget ?? new WorkBudget(bytes.length, { nodes: modelNodeBudget(bytes.length) });
  if (options.engine !== 'interpreter') {
    const fast = compileConsumer(model).run(bytes, profile, budget, options.coverage);
    if (fast) return fast;
  }
  const bound = bindProfile(model, profile);
  const branches = branchTable(model);
  const run = new ModelRun(bytes, bound, budget, branches, options.coverage);
  const scope = rootScope(run.rootValue, bytes.length, run.locate, model.schema.types.get(model.schema.root)!.lets);
  const name = profile.name;
  try {
    const refused = refusal(run, scope);
    if (refused) return rejected(name, refused, branches, run.cov);
    for (const f of model.load) readRootField(run, f, scope);
  } catch (e) {
    if (e !== SPENT && e !== HALT) throw e;
  }
  const rest: Issue[] = [];
  if (run.spentAt) {
    rest.push({ code: 'DECODE_BUDGET', path: run.spentAt.path, offset: run.spentAt.offset, profile: name,
      details: { ...(run.budget.exceeded ?? run.budget.timeExceeded), stage: 'consumer model' } });
  }
  for (const i of run.loadIssues) if (!isFault(run.fault, i.code, i.path)) rest.push({ ...i, profile: name });
  if (model.inputs) bindInputs(run, model.inputs, rest);
  return settled(name, run.fault, run.unjudged, rest, branches, run.cov);
}

