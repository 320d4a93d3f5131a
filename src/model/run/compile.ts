import { EvalError, evaluateInt, rootScope, type CompiledExpr } from '../../schema/index.js';
import { bindLimits } from '../load/model-exprs.js';
import type { BufferRule, ConsumerModel, EngineRule, LookupDispatch, ModelProfile, RefuseRule, SwitchDispatch } from '../types.js';

/** A model bound to one profile: limits in place, rules indexed by `struct.field` for the walker. */
export interface BoundConsumer {
  readonly model: ConsumerModel;
  readonly profile: ModelProfile;
  readonly refuse: ReadonlyArray<RefuseRule & { readonly details: ReadonlyArray<readonly [string, CompiledExpr]> }>;
  readonly switches: ReadonlyMap<string, { readonly rule: SwitchDispatch; readonly implemented: ReadonlySet<number> }>;
  /** Lookups to check once field `struct.after` is read. */
  readonly lookupsAfter: ReadonlyMap<string, readonly LookupDispatch[]>;
  readonly buffers: ReadonlyMap<string, ReadonlyArray<{ readonly rule: BufferRule; readonly max: number }>>;
  readonly engines: ReadonlyMap<string, readonly EngineRule[]>;
  /** Structs whose field offsets are kept: the root's, the root fields' own, lookups' and the declaration table's. */
  readonly located: ReadonlySet<string>;
}

const cache = new WeakMap<ModelProfile, WeakMap<ConsumerModel, BoundConsumer>>();

export function bindProfile(model: ConsumerModel, profile: ModelProfile): BoundConsumer {
  let perModel = cache.get(profile);
  if (!perModel) cache.set(profile, (perModel = new WeakMap()));
  const hit = perModel.get(model);
  if (hit) return hit;
  const bind = (e: CompiledExpr): CompiledExpr => bindLimits(e, profile.limits);
  const refuse = model.refuse.rules.map((r) => ({
    ...r, when: bind(r.when), at: r.at && bind(r.at), details: r.details.map(([k, e]) => [k, bind(e)] as const),
  }));
  const switches = new Map(model.switches.map((s) => [`${s.struct}.${s.field}`, { rule: s, implemented: new Set(profile.tags.get(s.tags) ?? []) }]));
  const lookupsAfter = group(model.lookups, (l) => `${l.struct}.${l.after}`);
  const buffers = group(model.buffers.map((rule) => ({ rule, max: constant(bind(rule.max)) })), (b) => `${b.rule.struct}.${b.rule.field}`);
  const engines = group(model.engines, (e) => `${e.struct}.${e.field}`);
  const located = new Set([model.schema.root, ...model.lookups.map((l) => l.struct)]);
  for (const f of model.schema.types.get(model.schema.root)!.fields) if (f.type.kind === 'struct' && !f.repeat) located.add(f.type.struct);
  const table = model.inputs?.declares && model.schema.types.get(model.schema.root)!.fields.find((f) => f.id === model.inputs!.declares!.table);
  if (table && table.type.kind === 'struct') located.add(table.type.struct);
  const bound: BoundConsumer = { model, profile, refuse, switches, lookupsAfter, buffers, engines, located };
  perModel.set(model, bound);
  return bound;
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const l = m.get(k);
    if (l) l.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** A profile-only expression (checked at load to use numbers and limits only). */
function constant(e: CompiledExpr): number {
  try {
    const v = evaluateInt(e, rootScope({}, 0, () => undefined));
    return typeof v === 'bigint' ? Number.MAX_SAFE_INTEGER : v;
  } catch (err) {
    if (err instanceof EvalError) return Number.MAX_SAFE_INTEGER;
    throw err;
  }
}
