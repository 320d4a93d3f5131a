import { WorkBudget, type BudgetLimits } from '../../budget/work-budget.js';
import type { FormatSchema } from '../../schema/index.js';
import { Unsupported, ValidatorGen } from './gen.js';
import { R, RunContext, type Runtime } from './runtime.js';

type ValidateFn = (b: Uint8Array, dv: DataView, N: number, NL: number, DL: number, C: RunContext) => number;

export interface CompiledValidator {
  /**
   * True only when the file has no structural finding: the decode would be clean and complete
   * and every rule of the checks holds. False means "not decided here" (a finding, a construct or
   * value this code does not represent, a budget): run the full pipeline. Never throws.
   */
  isClean(bytes: Uint8Array, budget?: BudgetLimits, nodeLimit?: number): boolean;
  /** The generated JavaScript, for review. */
  getCode(): string;
  /** Files decided clean, and files handed to the full pipeline. */
  readonly stats: { clean: number; undecided: number };
  /** Why the schema is not compiled (every file then goes to the full pipeline); undefined when it is. */
  readonly unsupported: string | undefined;
}

const cache = new WeakMap<FormatSchema, CompiledValidator>();

/** The schema's validator, generated and compiled once per schema object (cached). */
export function compileValidator(schema: FormatSchema): CompiledValidator {
  let v = cache.get(schema);
  if (!v) cache.set(schema, (v = build(schema)));
  return v;
}

function build(schema: FormatSchema): CompiledValidator {
  const stats = { clean: 0, undecided: 0 };
  let source: string;
  let fn: ValidateFn;
  try {
    const gen = new ValidatorGen(schema).generate();
    source = gen.source;
    // The source holds only generated identifiers, operators and checked integers; every other
    // constant (enum value sets, magic bytes, algorithm names) is in K, referenced by index.
    fn = (new Function('K', 'R', source) as (k: readonly unknown[], r: Runtime) => ValidateFn)(gen.consts, R);
  } catch (e) {
    const unsupported = e instanceof Unsupported ? e.message : `not compiled: ${e instanceof Error ? e.message : String(e)}`;
    return { unsupported, stats, getCode: () => '', isClean: () => (stats.undecided++, false) };
  }
  const ctx = new RunContext();
  return {
    stats,
    unsupported: undefined,
    getCode: () => source,
    isClean(bytes: Uint8Array, limits?: BudgetLimits, nodeLimit?: number): boolean {
      // A budget of its own: the pipeline that runs after an undecided file starts afresh.
      const budget = new WorkBudget(bytes.length, limits);
      ctx.start(budget);
      let ok = false;
      try {
        const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const deadline = performance.now() + budget.timeLimitMs;
        ok = fn(bytes, dv, bytes.length, nodeLimit ?? budget.nodeLimit, deadline, ctx) === 1 && budget.checkClock();
      } catch {
        // BAIL, a RangeError, a stack overflow: not decided here.
        ok = false;
      }
      if (ok) stats.clean++;
      else stats.undecided++;
      return ok;
    },
  };
}
