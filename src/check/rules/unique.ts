import { formatPath, type FieldPath } from '../../findings/index.js';
import type { FieldDef } from '../../schema/index.js';
import { raise, type CheckContext } from '../check-context.js';

/** Each element's `key` must differ from every earlier element's; reports every repeat at its key field. */
export function checkUnique(ctx: CheckContext, field: FieldDef, items: readonly unknown[], path: FieldPath): void {
  const key = field.unique!.key;
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null) return;
    const v = (item as Record<string, unknown>)[key];
    if (v === undefined) return;
    const k = String(v);
    const prior = first.get(k);
    if (prior === undefined) first.set(k, i);
    else raise(ctx, field.unique!.code, [...path, i, key], { value: v, first: formatPath([...path, prior, key]) });
  });
}
