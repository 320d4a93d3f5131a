import { usesLayout } from '../../encode/derive.js';
import type { AssertDef, CompiledExpr, EnumDef, Expr, FieldDef, FormatSchema, StructDef } from '../../schema/index.js';
import { judgeOf, quickOf, type Quick } from './quick-eval.js';
import { extPlan, impliedLength, tagsOf, type ExtPlan } from './ext-plan.js';
import { assertsOf, distinctIds, resolved } from './struct-plan.js';
import { matchEq, matchLookup, namesIn, type EqShape, type LookupShape } from './shapes.js';

/** What the generator knows about one field, computed once per schema. */
export interface FieldPlan extends ExtPlan {
  /** Derived, a checksum or a pool: left out for the encoder to fill. */
  readonly skip: boolean;
  /** A derived scalar integer that can be pinned to a wrong value and still encode. */
  readonly pinnable: boolean;
  /** Keys to draw this integer from (`lookup(...) != null` rules). */
  readonly lookups: readonly LookupShape[];
  /** Other `expr` rules on this field: redraw until they hold. */
  readonly checks: readonly CompiledExpr[];
  /** `F == EXPR` rules on this field (with their `||` guards): followed in schemas with newer constructs (intFor). */
  readonly eqs: readonly EqShape[];
  /** For a repeated field: the field that holds its count, when it can be found. */
  readonly count: CountPlan | undefined;
  /** The count is derived from this array, so its length is the generator's choice (no need to evaluate). */
  readonly freeLength: boolean;
  /** `size` can be computed while generating (it reads no field the encoder derives late). */
  readonly sizeKnown: boolean;
  /** A derived integer computed early from its own struct (`len(sibling)`, a constant), so rules can read it. */
  readonly early: boolean;
  /** The definition, and what the hot loop would otherwise look up by name for every value. */
  readonly def: FieldDef;
  /**
   * The id as an internalized string. Ids come from the schema's YAML as plain strings, and V8
   * deletes a property cheaply (keeping the object's fast layout) only by a unique-string key.
   */
  readonly key: string;
  readonly en: EnumDef | undefined;
  /** The struct of a `struct` field. */
  readonly struct: StructDef | undefined;
  /** A switch: its tag, and its case struct by tag (absent: no case). */
  readonly tag: Quick | undefined;
  readonly cases: ReadonlyMap<number, StructDef | undefined> | undefined;
}

/** A struct's field plans, in declaration order, and those `deriveEarly` computes. */
export interface StructPlan {
  readonly fields: readonly FieldPlan[];
  readonly early: readonly FieldPlan[];
  /** No two of its fields (nor of the inline cases it may select) share an id: a new value holds none before it is drawn. */
  readonly distinct: boolean;
  /** Its judgeable asserts and those of the inline cases it may select, compiled for judging a new value of it (judgeOf). */
  readonly judges: ReadonlyMap<AssertDef, Quick>;
}

export interface CountPlan {
  /** Length bounds from the count field's min/max rules. */
  readonly min: number;
  readonly max: number;
  /** The largest count its integer width holds: a longer array cannot be encoded. */
  readonly limit: number;
  /** `count == EXPR` rules, evaluated in this struct (the count is a sibling field). */
  readonly eqs: readonly EqShape[];
}

export interface Plan {
  readonly fields: ReadonlyMap<FieldDef, FieldPlan>;
  /** Names the repeat of a derived array reads: pinning such a count alone would derive an array of that length. */
  readonly drivers: ReadonlySet<string>;
  /** Asserts that can be judged on a generated value (no layout, no late-derived field). */
  readonly judgeable: ReadonlySet<AssertDef>;
  /** The rule of each judgeable assert, compiled. */
  readonly judges: ReadonlyMap<AssertDef, Quick>;
  readonly structs: ReadonlyMap<StructDef, StructPlan>;
  /** Some field uses a newer construct (never in CCF or sigpack): see arrays.ts for what that changes. */
  readonly anyExt: boolean;
}

const PLANS = new WeakMap<FormatSchema, Plan>();
const WIDTH_MAX: Record<string, number> = { u1: 0xff, u2: 0xffff, u4: 0xffffffff, u8: Number.MAX_SAFE_INTEGER, s1: 0x7f, s2: 0x7fff, s4: 0x7fffffff, s8: Number.MAX_SAFE_INTEGER };

export function planFor(schema: FormatSchema): Plan {
  let plan = PLANS.get(schema);
  if (!plan) PLANS.set(schema, (plan = build(schema)));
  return plan;
}

function build(schema: FormatSchema): Plan {
  // A count that a derived array's length is computed from cannot be pinned: the derivation would fail.
  const drivers = new Set<string>();
  for (const s of schema.types.values()) for (const f of s.fields) if (f.derive && f.repeat) namesIn(f.repeat.ast, drivers);
  // A length the encoder measures from the substream or compressed bytes it bounds is its to compute, like a derive.
  const isSkip = (f: FieldDef, s: StructDef): boolean => f.derive !== undefined || f.checksum !== undefined || f.pool || impliedLength(s, f);
  const isEarly = (f: FieldDef): boolean => f.derive !== undefined && !f.repeat && f.type.kind === 'int' && !usesLayout(f.derive)
    && !['_root', '_parent', '_io'].some((n) => namesIn(f.derive!.ast, new Set()).has(n));
  const late = new Set<string>();
  for (const s of schema.types.values()) for (const f of s.fields) if (isSkip(f, s) && !isEarly(f)) late.add(f.id);
  const knowable = (e: CompiledExpr): boolean => !usesLayout(e) && ![...namesIn(e.ast, new Set())].some((n) => late.has(n));
  const judgeable = new Set<AssertDef>();
  const judges = new Map<AssertDef, Quick>();
  const fields = new Map<FieldDef, FieldPlan>();
  const structs = new Map<StructDef, StructPlan>();
  for (const s of schema.types.values()) {
    for (const a of s.asserts) {
      if (!knowable(a.rule)) continue;
      judgeable.add(a);
      judges.set(a, quickOf(a.rule));
    }
    const tags = tagsOf(s);
    for (const f of s.fields) {
      const skip = isSkip(f, s);
      const lookups: LookupShape[] = [];
      const checks: CompiledExpr[] = [];
      const eqs: EqShape[] = [];
      for (const v of f.valid) {
        if (v.rule.kind !== 'expr') continue;
        const l = matchLookup(v.rule.expr, f.id, s);
        const eq = l ? undefined : matchEq(v.rule.expr, f.id);
        if (l) lookups.push(l);
        else if (eq) eqs.push(eq);
        else checks.push(v.rule.expr);
      }
      fields.set(f, {
        skip,
        pinnable: skip && f.type.kind === 'int' && !f.repeat && !f.view && !drivers.has(f.id),
        lookups, checks, eqs,
        count: f.repeat ? countPlan(schema, s, f.repeat.ast) : undefined,
        freeLength: f.repeat !== undefined && isFree(schema, s, f),
        sizeKnown: f.size !== undefined && knowable(f.size),
        early: isEarly(f),
        ...resolved(schema, f),
        ...extPlan(schema, s, f, tags),
      });
    }
  }
  // Once every assert is known to be judgeable or not: a struct is also judged by its inline cases' asserts.
  for (const s of schema.types.values()) {
    const own = s.fields.map((f) => fields.get(f)!);
    const mine = new Map<AssertDef, Quick>();
    for (const a of assertsOf(schema, s, new Set())) if (judgeable.has(a) && !mine.has(a)) mine.set(a, judgeOf(a.rule, s.lets));
    structs.set(s, { fields: own, early: own.filter((p) => p.early), distinct: distinctIds(schema, s, new Set(), new Set()), judges: mine });
  }
  let anyExt = false;
  for (const p of fields.values()) anyExt ||= p.ext;
  return { fields, judgeable, judges, drivers, structs, anyExt };
}

/** An array whose count field is derived (from the array itself): any length encodes. */
function isFree(schema: FormatSchema, s: StructDef, f: FieldDef): boolean {
  const found = resolveField(schema, s, f.repeat!.ast);
  return found !== undefined && found.field.derive !== undefined;
}

function countPlan(schema: FormatSchema, s: StructDef, e: Expr): CountPlan | undefined {
  const found = resolveField(schema, s, e);
  if (!found) return undefined;
  const f = found.field;
  let min = 0;
  const limit = f.type.kind === 'int' ? WIDTH_MAX[f.type.int]! : Number.MAX_SAFE_INTEGER;
  let max = limit;
  const eqs: EqShape[] = [];
  for (const v of f.valid) {
    if (v.rule.kind === 'range') {
      if (v.rule.min !== undefined) min = Math.max(min, Number(v.rule.min));
      if (v.rule.max !== undefined) max = Math.min(max, Number(v.rule.max));
    } else if (v.rule.kind === 'expr' && found.sibling) {
      const eq = matchEq(v.rule.expr, f.id);
      if (eq) eqs.push(eq);
    }
  }
  return { min, max: Math.max(min, max), limit, eqs };
}

/** The field an expression like `count`, `header.count` or `_root.header.count` names. */
function resolveField(schema: FormatSchema, s: StructDef, e: Expr): { field: FieldDef; sibling: boolean } | undefined {
  if (e.kind === 'name') {
    const field = s.fields.find((f) => f.id === e.name);
    return field ? { field, sibling: true } : undefined;
  }
  if (e.kind !== 'member') return undefined;
  const holder = resolveStruct(schema, s, e.object);
  const field = holder?.fields.find((f) => f.id === e.name);
  return field ? { field, sibling: false } : undefined;
}

function resolveStruct(schema: FormatSchema, s: StructDef, e: Expr): StructDef | undefined {
  if (e.kind === 'name' && e.name === '_root') return schema.types.get(schema.root);
  const found = resolveField(schema, s, e);
  if (!found || found.field.type.kind !== 'struct') return undefined;
  return schema.types.get(found.field.type.struct);
}
