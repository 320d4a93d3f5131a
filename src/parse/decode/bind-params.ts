import type { FieldPath } from '../../findings/index.js';
import { EvalError, evaluate, type CompiledExpr, type ParamDef, type Scope, type StructDef } from '../../schema/index.js';
import { STOP, type DecodeContext } from './decode-context.js';
import { fileOffset } from './decode-common.js';
import type { DecodeStream } from './stream.js';

function fits(type: ParamDef['type'], v: unknown): boolean {
  switch (type) {
    case 'int': return typeof v === 'number' || typeof v === 'bigint';
    case 'bytes': return v instanceof Uint8Array;
    case 'str': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'any': return true;
  }
}

/**
 * The arguments of a parametric type, evaluated in the caller's scope and bound by parameter name
 * (an object without a prototype: a parameter named `constructor` is just a name). An argument
 * of the wrong kind is a CONSTRAINT finding at the field, and the struct is not read.
 */
export function bindParams(ctx: DecodeContext, io: DecodeStream, def: StructDef, args: readonly CompiledExpr[] | undefined, scope: Scope, path: FieldPath, offset: number): Record<string, unknown> | undefined {
  const params = def.params;
  if (!params?.length) return undefined;
  const bound: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const expr = args?.[i];
    if (!expr) return ctx.cannotEvaluate(path, fileOffset(io, offset), `argument ${p.id} of`, def.name, 'the argument is missing');
    let v: unknown;
    try {
      v = evaluate(expr, scope);
    } catch (e) {
      if (e instanceof EvalError) return ctx.cannotEvaluate(path, fileOffset(io, offset), `argument ${p.id}`, expr.source, e.message);
      throw e;
    }
    if (!fits(p.type, v)) {
      ctx.complete = false;
      ctx.reportAt(io, 'CONSTRAINT', path, offset, { rule: `${def.name}(${p.id}: ${p.type}) given ${expr.source}`, values: `${typeof v === 'object' ? (v instanceof Uint8Array ? 'bytes' : String(v)) : typeof v}` });
      throw STOP;
    }
    bound[p.id] = v;
  }
  return bound;
}
