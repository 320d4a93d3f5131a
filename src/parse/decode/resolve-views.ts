import { EvalError, evaluateRef, evaluateSize } from '../../schema/index.js';
import { Stop, type DecodeContext, type PendingView } from './decode-context.js';
import { decodeText } from './decode-text.js';


/**
 * Views (strings in a pool) are read once the whole file is decoded, because the pool
 * they point into usually comes after the records that point into it.
 */
export function resolveViews(ctx: DecodeContext): void {
  for (const pending of ctx.pendingViews) {
    try {
      resolveView(ctx, pending);
    } catch (e) {
      if (e instanceof Stop) continue;
      if (!(e instanceof EvalError)) throw e;
      try {
        ctx.cannotEvaluate(pending.path, ctx.locate(pending.scope.path)?.offset ?? 0, 'view', pending.field.id, e.message);
      } catch (stop) {
        if (!(stop instanceof Stop)) throw stop;
      }
    }
  }
}

function resolveView(ctx: DecodeContext, { scope, field, path, holder }: PendingView): void {
  const region = evaluateRef(field.view!, scope);
  if (!(region.value instanceof Uint8Array) || !region.path) return; // the region itself was not decoded: already reported
  const regionLoc = ctx.locate(region.path);
  if (!regionLoc) return;
  const at = evaluateSize(field.at!, scope);
  const size = evaluateSize(field.size!, scope);
  const reportPath = field.reportAtStruct ? scope.path : path;
  const reportOffset = ctx.locate(reportPath)?.offset ?? regionLoc.offset + at;
  if (at + size > region.value.length) {
    ctx.report(field.atCode, reportPath, reportOffset, { end: at + size, pool_size: region.value.length, at, size });
    return;
  }
  const raw = region.value.subarray(at, at + size);
  ctx.place(holder, field.id, regionLoc.offset + at, size);
  if (field.type.kind === 'bytes') {
    holder[field.id] = raw;
    return;
  }
  holder[field.id] = decodeText(ctx, field, raw, reportPath, reportOffset);
}
