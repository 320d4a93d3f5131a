import { chooseCase, type CaseTarget, type CompiledExpr, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../../schema/index.js';
import type { FieldPlan } from './plan.js';
import { UNKNOWN, quickOf } from './quick-eval.js';

/**
 * Evaluation that treats "not known yet" (a field left for the encoder) as undefined. These give
 * what the reference evaluator's `evaluate`, `evaluateInt` and `evaluateBool` would, with every
 * EvalError read as "unknown" (see quick-eval.ts).
 */
export function tryValue(e: CompiledExpr, scope: Scope): unknown {
  const v = quickOf(e)(scope);
  return v === UNKNOWN ? undefined : v;
}

/** A usable count, size or target; undefined when it cannot be computed yet. */
export function tryCount(e: CompiledExpr, scope: Scope): number | undefined {
  const v = quickOf(e)(scope);
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'bigint') return undefined;
  // evaluateInt keeps a bigint beyond the safe range: not a count.
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** False only for a rule that evaluates to false; unknown counts as holding. */
export function holds(e: CompiledExpr, scope: Scope): boolean {
  return quickOf(e)(scope) !== false;
}

/** True only for a rule that evaluates to true. */
export function surelyHolds(e: CompiledExpr, scope: Scope): boolean {
  return quickOf(e)(scope) === true;
}

/** The struct a switch selects in `scope`; undefined for an unknown tag or one not computable yet. */
export function caseOf(schema: FormatSchema, f: FieldDef, scope: Scope): StructDef | undefined {
  if (f.type.kind !== 'switch') return undefined;
  const tag = quickOf(f.type.on)(scope);
  if (f.type.textCases || f.type.defaultCase !== undefined) return caseTargetOf(schema, f, tag)?.def;
  if (typeof tag !== 'number' && typeof tag !== 'bigint') return undefined;
  const name = f.type.cases.get(Number(tag));
  return name === undefined ? undefined : schema.types.get(name);
}

/** caseOf, for a switch field's plan (its tag compiled, its cases resolved). */
export function caseIn(p: FieldPlan, scope: Scope): StructDef | undefined {
  const tag = p.tag!(scope);
  // Text and default cases: the model's own rule (plain integer switches keep the lookup below).
  if (p.ext) return caseTargetOf(undefined, p.def, tag, p)?.def;
  if (typeof tag !== 'number' && typeof tag !== 'bigint') return undefined;
  return p.cases!.get(Number(tag));
}

/** Forgets memoised `let`s: a field they read has just been set. */
export function touched(scope: Scope): void {
  if (scope.letCache) scope.letCache = undefined;
}

/** The struct and arguments a switch's tag selects (text, integer or default case); undefined for an unknown tag. */
export function caseTargetOf(schema: FormatSchema | undefined, f: FieldDef, tag: unknown, p?: FieldPlan): { def: StructDef; args: CaseTarget['args'] } | undefined {
  if (f.type.kind !== 'switch' || tag === UNKNOWN || tag === undefined) return undefined;
  const c = chooseCase(f.type, tag);
  if (!c) return undefined;
  const def = p ? p.caseDefs!.get(c.struct) : schema!.types.get(c.struct);
  return def ? { def, args: c.args } : undefined;
}
