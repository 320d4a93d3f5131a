import { EvalError, evaluate, evaluateBool, type CompiledExpr, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../../schema/index.js';
import { evaluateInt } from '../../schema/index.js';

/** Evaluation that treats "not known yet" (a field left for the encoder) as undefined. */
export function tryValue(e: CompiledExpr, scope: Scope): unknown {
  try {
    return evaluate(e, scope);
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

/** A usable count, size or target; undefined when it cannot be computed yet. */
export function tryCount(e: CompiledExpr, scope: Scope): number | undefined {
  try {
    const v = evaluateInt(e, scope);
    return typeof v === 'number' && v >= 0 ? v : undefined;
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

/** False only for a rule that evaluates to false; unknown counts as holding. */
export function holds(e: CompiledExpr, scope: Scope): boolean {
  try {
    return evaluateBool(e, scope);
  } catch (err) {
    if (err instanceof EvalError) return true;
    throw err;
  }
}

/** True only for a rule that evaluates to true. */
export function surelyHolds(e: CompiledExpr, scope: Scope): boolean {
  try {
    return evaluateBool(e, scope);
  } catch (err) {
    if (err instanceof EvalError) return false;
    throw err;
  }
}

/** The struct a switch selects in `scope`; undefined for an unknown tag or one not computable yet. */
export function caseOf(schema: FormatSchema, f: FieldDef, scope: Scope): StructDef | undefined {
  if (f.type.kind !== 'switch') return undefined;
  const tag = tryValue(f.type.on, scope);
  if (typeof tag !== 'number' && typeof tag !== 'bigint') return undefined;
  const name = f.type.cases.get(Number(tag));
  return name === undefined ? undefined : schema.types.get(name);
}

/** Forgets memoised `let`s: a field they read has just been set. */
export function touched(scope: Scope): void {
  if (scope.letCache) scope.letCache = undefined;
}
