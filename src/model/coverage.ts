import type { FieldDef } from '../schema/index.js';
import type { BufferRule, ConsumerModel, EngineRule, LookupDispatch } from './types.js';

export type { CoverageSink } from '../consumer/outcome.js';

/**
 * The fuzzer's coverage of one consumer model: every decision the model can take has a dense id
 * (0 .. names.length-1) and a name that says what it is (`case:criterion.args=5`). Derived from
 * the schema and the model alone, so any format's consumer is covered, not one format's.
 * Ids are stable for a given model; the interpreter and the compiled consumer hit the same ones.
 */
export interface BranchTable {
  readonly names: readonly string[];
  readonly refuseTruncated: number;
  /** Per refuse rule, in order. */
  readonly refuseRule: readonly number[];
  readonly accepted: number;
  /** A read of this field that does not fit the file buffer. */
  readonly pastEnd: ReadonlyMap<FieldDef, number>;
  /** Per switch field: per case tag. */
  readonly caseTaken: ReadonlyMap<FieldDef, ReadonlyMap<number, number>>;
  readonly unimplemented: ReadonlyMap<FieldDef, number>;
  readonly unknownTag: ReadonlyMap<FieldDef, number>;
  readonly lookupNull: ReadonlyMap<LookupDispatch, number>;
  readonly viewOutside: ReadonlyMap<FieldDef, number>;
  readonly overflow: ReadonlyMap<BufferRule, number>;
  readonly engineOk: ReadonlyMap<EngineRule, number>;
  readonly engineReject: ReadonlyMap<EngineRule, number>;
  readonly inputSkip: number;
  /** A skipped element names an input the profile does not supply (inputs.latent). */
  readonly inputLatent: number;
  readonly inputRead: number;
  readonly inputOob: number;
  readonly inputKind: number;
  readonly keyUnsupplied: number;
  readonly hazardCount: number;
  readonly hazardKind: number;
  readonly hazardUnused: number;
  readonly outcomeLoad: number;
  readonly outcomeCrash: number;
  readonly outcomeReject: number;
}

const cache = new WeakMap<ConsumerModel, BranchTable>();

export function branchTable(model: ConsumerModel): BranchTable {
  let t = cache.get(model);
  if (!t) cache.set(model, (t = build(model)));
  return t;
}

function build(model: ConsumerModel): BranchTable {
  const names: string[] = [];
  const id = (name: string): number => names.push(name) - 1;
  const refuseTruncated = id('refuse-truncated');
  const refuseRule = model.refuse.rules.map((r, i) => id(`refuse:${i}:${r.code}`));
  const accepted = id('accepted');
  const pastEnd = new Map<FieldDef, number>();
  const caseTaken = new Map<FieldDef, Map<number, number>>();
  const unknownTag = new Map<FieldDef, number>();
  const viewOutside = new Map<FieldDef, number>();
  const unimplemented = new Map<FieldDef, number>();
  const switched = new Set(model.switches.map((s) => `${s.struct}.${s.field}`));
  for (const st of model.schema.types.values()) {
    for (const f of st.fields) {
      const key = `${st.name}.${f.id}`;
      if (f.view) {
        viewOutside.set(f, id(`view-outside:${key}`));
        continue;
      }
      pastEnd.set(f, id(`past-end:${key}`));
      if (f.type.kind !== 'switch') continue;
      const cases = new Map<number, number>();
      for (const tag of f.type.cases.keys()) cases.set(tag, id(`case:${key}=${tag}`));
      caseTaken.set(f, cases);
      unknownTag.set(f, id(`unknown:${key}`));
      if (switched.has(key)) unimplemented.set(f, id(`unimplemented:${key}`));
    }
  }
  const lookupNull = new Map(model.lookups.map((l) => [l, id(`null:${l.struct}.${l.let}`)] as const));
  const overflow = new Map(model.buffers.map((b, i) => [b, id(`overflow:${i}:${b.struct}.${b.field}`)] as const));
  const engineOk = new Map(model.engines.map((e, i) => [e, id(`engine-ok:${i}:${e.struct}.${e.field}`)] as const));
  const engineReject = new Map(model.engines.map((e, i) => [e, id(`engine-reject:${i}:${e.struct}.${e.field}`)] as const));
  return {
    names, refuseTruncated, refuseRule, accepted, pastEnd, caseTaken, unimplemented, unknownTag, lookupNull,
    viewOutside, overflow, engineOk, engineReject,
    inputSkip: id('input-skip'), inputLatent: id('input-latent'), inputRead: id('input-read'), inputOob: id('input-oob'), inputKind: id('input-kind'),
    keyUnsupplied: id('key-unsupplied'), hazardCount: id('hazard-count'), hazardKind: id('hazard-kind'),
    hazardUnused: id('hazard-unused'), outcomeLoad: id('outcome-load'), outcomeCrash: id('outcome-crash'),
    outcomeReject: id('outcome-reject'),
  };
}
