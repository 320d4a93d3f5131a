import { EvalError, evaluate, parseExpr, type CompiledExpr } from '../../schema/index.js';
import type { LookupDispatch } from '../types.js';
import type { ModelRun } from './state.js';
import type { StructCtx } from './walker.js';

const LET_EXPRS = new Map<string, CompiledExpr>();

/** A table lookup the consumer dereferences: null is a crash at the field it was looked up by. */
export function checkLookup(run: ModelRun, ctx: StructCtx, lookup: LookupDispatch): void {
  const { let: name, at, code } = lookup;
  let e = LET_EXPRS.get(name);
  if (!e) LET_EXPRS.set(name, (e = parseExpr(name)));
  let v: unknown;
  try {
    v = evaluate(e, ctx.scope);
  } catch (err) {
    if (err instanceof EvalError) return;
    throw err;
  }
  if (v !== null && v !== undefined) return;
  run.cov.hit(run.branches.lookupNull.get(lookup)!);
  run.crash(code, [...ctx.path, at], run.offsetOf(ctx.obj, at) ?? ctx.start, { [at]: ctx.obj[at] });
}
