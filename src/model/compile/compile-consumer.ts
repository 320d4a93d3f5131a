import type { WorkBudget } from '../../budget/work-budget.js';
import type { SimulationResult } from '../../consumer/outcome.js';
import type { Issue } from '../../findings/index.js';
import { branchTable, type CoverageSink } from '../coverage.js';
import { bindProfile } from '../run/compile.js';
import type { ConsumerModel, ModelProfile } from '../types.js';
import { isFault, rejected, settled } from '../run/settle.js';
import { finishBinding } from './bind.js';
import { Unsupported } from './gen.js';
import { buildProgram, type Program } from './program.js';
import { R, RunState, type Runtime } from './runtime.js';

type RunFn = (bytes: Uint8Array, S: RunState, P: ProfileData, cov: CoverageSink | null) => number;

/** A profile as the generated code reads it: limits by index, implemented tags, buffer sizes. */
interface ProfileData {
  readonly L: readonly number[];
  /** Per switch rule: tags 0..255 implemented (1), the others in a set, and the listing for details. */
  readonly ia: readonly Uint8Array[];
  readonly is: ReadonlyArray<ReadonlySet<number>>;
  readonly il: ReadonlyArray<readonly number[]>;
  /** Per buffer rule: its size for this profile. */
  readonly bm: readonly number[];
  readonly rank: ReadonlyMap<number, number>;
  readonly inp: ReadonlyMap<number, readonly number[]>;
  readonly name: string;
}

export interface CompiledConsumer {
  /** Why the model runs on the interpreter only (undefined: it is compiled). */
  readonly unsupported: string | undefined;
  /** Runs completed by the compiled code, and runs it handed to the interpreter. */
  readonly stats: { fast: number; bailed: number };
  /** The generated JavaScript, for review (the constants it refers to are in `constants`). */
  getCode(): string;
  readonly constants: readonly unknown[];
  /** The same result as the interpreter, or undefined to run the interpreter instead. */
  run(bytes: Uint8Array, profile: ModelProfile, budget: WorkBudget, coverage: CoverageSink | undefined): SimulationResult | undefined;
}

const cache = new WeakMap<ConsumerModel, CompiledConsumer>();

/**
 * The consumer model compiled once to one JavaScript function (cached per model): the fast path of
 * simulateModel. The interpreter (src/model/run) stays the definition; test/model/compiled.test.ts
 * holds this to it.
 */
export function compileConsumer(model: ConsumerModel): CompiledConsumer {
  let c = cache.get(model);
  if (!c) cache.set(model, (c = build(model)));
  return c;
}

function build(model: ConsumerModel): CompiledConsumer {
  const stats = { fast: 0, bailed: 0 };
  let program: Program;
  let fn: RunFn;
  try {
    program = buildProgram(model, branchTable(model));
    // The source holds only generated identifiers, operators and checked integers (see Gen).
    fn = (new Function('K', 'R', program.source) as (k: readonly unknown[], r: Runtime) => RunFn)(program.consts, R);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    const unsupported = e.message;
    return { unsupported, stats, constants: [], getCode: () => '', run: () => undefined };
  }
  const widths = program.stores.defs.map((d) => d.width);
  const kindNames = model.inputs ? model.schema.enums.get(model.inputs.kindEnum)!.byValue : new Map<number, string>();
  const fresh = (): RunState => new RunState(widths, model.inputs, kindNames);
  let spare: RunState | undefined = fresh();
  const profiles = new WeakMap<ModelProfile, ProfileData>();
  const branches = branchTable(model);
  const tableDef = program.table === undefined ? undefined : program.stores.defs[program.table];
  const bindCtx = model.inputs && { inputs: model.inputs, kindNames, table: program.table, tableDef, branches };

  const profileData = (p: ModelProfile): ProfileData => {
    let d = profiles.get(p);
    if (d) return d;
    const bound = bindProfile(model, p);
    const impl = model.switches.map((s) => bound.switches.get(`${s.struct}.${s.field}`)!.implemented);
    d = {
      L: program.limits.map((l) => p.limits.get(l) ?? 0),
      ia: impl.map((set) => Uint8Array.from({ length: 256 }, (_, t) => (set.has(t) ? 1 : 0))),
      is: impl,
      il: impl.map((set) => [...set]),
      bm: model.buffers.map((rule) => bound.buffers.get(`${rule.struct}.${rule.field}`)!.find((b) => b.rule === rule)!.max),
      rank: new Map([...p.inputs.keys()].map((k, i) => [k, i])),
      inp: p.inputs,
      name: p.name,
    };
    profiles.set(p, d);
    return d;
  };

  return {
    unsupported: undefined,
    stats,
    constants: program.consts,
    getCode: () => program.source,
    run(bytes, profile, budget, coverage) {
      const S = spare ?? fresh();
      spare = undefined;
      try {
        const result = runOnce(S, bytes, profile, budget, coverage ?? null);
        if (result) stats.fast++;
        else stats.bailed++;
        return result;
      } finally {
        spare = S;
      }
    },
  };

  function runOnce(S: RunState, bytes: Uint8Array, profile: ModelProfile, budget: WorkBudget, cov: CoverageSink | null): SimulationResult | undefined {
    const P = profileData(profile);
    const spent = budget.nodesSpent;
    // A budget whose counter cannot be read is left to the interpreter: never run unbounded.
    if (budget.exceeded || !Number.isSafeInteger(spent)) return undefined;
    S.reset(budget, budget.nodeLimit - spent);
    let done: number;
    try {
      done = fn(bytes, S, P, cov);
    } catch {
      // Not expected (the differential tests hold the compiled code to the interpreter): whatever
      // went wrong, the interpreter, which is the definition, answers instead.
      return undefined;
    }
    if (done !== 0) return undefined;
    const name = profile.name;
    if (S.refused) {
      budget.spendNodes(S.nodes);
      return rejected(name, S.refused, branches, cov);
    }
    const rest: Issue[] = [];
    for (const i of S.loadIssues) if (!isFault(S.fault, i.code, i.path)) rest.push({ ...i, profile: name });
    if (bindCtx) finishBinding(bindCtx, S, profile, bytes, cov, rest);
    budget.spendNodes(S.nodes);
    return settled(name, S.fault, S.unjudged, rest, branches, cov);
  }
}
