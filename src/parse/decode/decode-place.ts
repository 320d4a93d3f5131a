import type { FieldPath } from '../../findings/index.js';
import { EvalError, INT_WIDTH, evaluateRef, type FieldDef, type Scope } from '../../schema/index.js';
import type { DecodeContext } from './decode-context.js';
import { streamOf } from './stream.js';

/**
 * Evaluates `at`: an offset relative to the current stream's start (the file's at the root, a
 * substream's inside one, Kaitai's `pos:`). One outside the stream is reported with the field's
 * at_code, at the pointer if known. Returns the absolute position in the stream's bytes.
 */
export function placeAt(ctx: DecodeContext, field: FieldDef, scope: Scope, path: FieldPath): number | undefined {
  const io = streamOf(scope);
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
  if ((typeof v !== 'number' && typeof v !== 'bigint') || v < 0 || v > io.size) {
    ctx.complete = false;
    const where = io.label === undefined && !io.origin ? 'the file' : 'its stream';
    ctx.report(field.atCode, pointer, ctx.locate(pointer)?.offset ?? 0, { value: v, reason: `${field.id} would start outside ${where} (${io.size} bytes)` });
    return undefined;
  }
  return io.start + Number(v);
}

/** Bytes one element of `field` takes at least: a lower bound, so a declared count can be checked before the loop. */
export function minElementSize(ctx: DecodeContext, field: FieldDef): number {
  const t = field.type;
  if (field.size || field.sizeEos || field.process) return 0;
  if (t.kind === 'int') return INT_WIDTH[t.int];
  if (t.kind === 'struct') return minStructSize(ctx, t.struct, 0);
  return 0;
}

function minStructSize(ctx: DecodeContext, name: string, depth: number): number {
  const s = ctx.schema.types.get(name);
  if (!s || depth > 8) return 0;
  let n = 0;
  for (const f of s.fields) {
    // Only what is always read counts: a field behind `if`, or sized by an expression, may take nothing.
    if (f.at || f.view || f.repeat || f.cond || f.size || f.sizeEos || f.process) continue;
    if (f.type.kind === 'int') n += INT_WIDTH[f.type.int];
    else if (f.type.kind === 'struct') n += minStructSize(ctx, f.type.struct, depth + 1);
  }
  return n;
}
