import type { FieldPath } from '../../findings/index.js';
import { EvalError, INT_WIDTH, evaluateRef, type FieldDef, type Scope } from '../../schema/index.js';
import type { DecodeContext } from './decode-context.js';

/** Evaluates `at`; an offset outside the file is reported with the field's at_code, at the pointer if known. */
export function placeAt(ctx: DecodeContext, field: FieldDef, scope: Scope, path: FieldPath): number | undefined {
  let ref;
  try {
    ref = evaluateRef(field.at!, scope);
  } catch (e) {
    if (e instanceof EvalError) return ctx.cannotEvaluate(path, ctx.locate(scope.path)?.offset ?? 0, 'at', field.at!.source, e.message);
    throw e;
  }
  const v = ref.value;
  const pointer = ref.path ?? path;
  if (ref.path) ctx.pointers.set(path.join('\u0000'), ref.path);
  if ((typeof v !== 'number' && typeof v !== 'bigint') || v < 0 || v > ctx.size) {
    ctx.complete = false;
    ctx.report(field.atCode, pointer, ctx.locate(pointer)?.offset ?? 0, { value: v, reason: `${field.id} would start outside the file (${ctx.size} bytes)` });
    return undefined;
  }
  return Number(v);
}

export function minElementSize(ctx: DecodeContext, field: FieldDef): number {
  const t = field.type;
  if (t.kind === 'int') return INT_WIDTH[t.int];
  if (t.kind === 'struct') return minStructSize(ctx, t.struct, 0);
  return 0;
}

function minStructSize(ctx: DecodeContext, name: string, depth: number): number {
  const s = ctx.schema.types.get(name);
  if (!s || depth > 8) return 0;
  let n = 0;
  for (const f of s.fields) {
    if (f.at || f.view || f.repeat) continue;
    if (f.type.kind === 'int') n += INT_WIDTH[f.type.int];
    else if (f.type.kind === 'struct') n += minStructSize(ctx, f.type.struct, depth + 1);
  }
  return n;
}
