import type { FieldPath } from '../../findings/index.js';
import type { FieldDef, Scope } from '../../schema/index.js';
import { raise, sizesOrSkip, type CheckContext } from '../check-context.js';

/**
 * Records placed by pointers must sit inside [start, end), in strictly ascending order,
 * without overlapping; bytes between them (or around them) carry no data and are a gap.
 */
export function checkPlacement(ctx: CheckContext, field: FieldDef, items: readonly unknown[], path: FieldPath, scope: Scope): void {
  const rule = field.placement!;
  const bounds = sizesOrSkip(ctx, path, `placement from ${rule.start.source} to ${rule.end.source}`, scope, rule.start, rule.end);
  if (!bounds) return;
  const [start, end] = bounds as [number, number];
  let cursor = start;
  let previousEnd = start;
  let previousPartial = false;
  items.forEach((_, i) => {
    const recordPath = [...path, i];
    const loc = ctx.locate(recordPath);
    if (!loc) return;
    const at = ctx.pointerOf(recordPath) ?? recordPath;
    const bad = (reason: string) => raise(ctx, rule.code, at, { value: loc.offset, reason });
    if (loc.offset < start) return bad(`record ${i} starts before ${start}, the start of its region`);
    if (loc.offset + loc.size > end) return bad(`record ${i} ends at ${loc.offset + loc.size}, past ${end}, the end of its region`);
    if (i > 0 && loc.offset < previousEnd) {
      return bad(loc.offset <= cursor ? `record ${i} does not come after record ${i - 1} (offsets must strictly ascend)` : `record ${i} overlaps record ${i - 1}`);
    }
    if (rule.gapCode && !previousPartial && loc.offset > previousEnd) raise(ctx, rule.gapCode, at, { start: previousEnd, end: loc.offset, bytes: loc.offset - previousEnd });
    cursor = loc.offset;
    previousEnd = loc.offset + loc.size;
    previousPartial = ctx.isPartial(recordPath);
  });
  if (rule.gapCode && !previousPartial && previousEnd < end && items.length > 0) {
    raise(ctx, rule.gapCode, [...path, items.length - 1], { start: previousEnd, end, bytes: end - previousEnd });
  }
}
