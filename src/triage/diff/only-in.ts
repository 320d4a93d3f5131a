import { formatPath, type FieldPath } from '../../findings/index.js';
import { elementScope, type FieldDef } from '../../schema/index.js';
import { located, offsetIn, type DiffContext, type StructAt } from './diff-context.js';
import { displayValue } from './display-value.js';
import { isRecord, scopeOf, structOf } from './struct-fields.js';
import { summarize } from './summarize.js';
import type { Change } from './types.js';

/**
 * An element (or a struct) only one file has, with its content when the list still has room
 * (past the cap it is only counted, so it is not described).
 */
export function onlyIn(ctx: DiffContext, kind: 'added' | 'removed', label: string, field: FieldDef, value: unknown, parent: StructAt, path: FieldPath, index: number | undefined): Change {
  const side = kind === 'added' ? ctx.new : ctx.old;
  const where = kind === 'added'
    ? { newPath: formatPath(path), ...located('newOffset', offsetIn(side, path)) }
    : { oldPath: formatPath(path), ...located('oldOffset', offsetIn(side, path)) };
  if (ctx.sink.full) return { kind, path: label, ...where };
  const chooser = index === undefined ? parent.scope : elementScope(parent.scope, index);
  const def = isRecord(value) ? structOf(ctx.schema, field, chooser, path) : undefined;
  if (def === undefined || !isRecord(value)) return { kind, path: label, ...where, content: [displayValue(ctx.schema, field, value)] };
  const s = summarize(ctx.schema, def, value, path, scopeOf(parent.scope, value, path, index, def));
  return { kind, path: label, ...where, content: s.lines, ...(s.omitted > 0 ? { contentOmitted: s.omitted } : {}) };
}
