import type { FieldPath } from '../../findings/index.js';
import { elementScope, type FormatSchema, type Scope, type StructDef } from '../../schema/index.js';
import { displayValue } from './display-value.js';
import { fingerprint } from './fingerprint.js';
import { layoutKind } from './layout-fields.js';
import { fieldsOf, holdsStructs, isRecord, own, scopeOf, structOf } from './struct-fields.js';

/** Lines describing one added or removed element, and the lines left out. */
export interface Summary {
  readonly lines: string[];
  readonly omitted: number;
}

const MAX_LINES = 12;
const MAX_LINE = 200;
/** Nested structs flattened into one line before the rest is left out. */
const MAX_DEPTH = 4;

/**
 * The content of an element that only one file has: its own values on the first line (layout
 * fields left out), then each array of structs in it as runs of like elements, so an instance
 * with 21 criteria reads `criteria[1..10]: op ANY` rather than as ten lines.
 */
export function summarize(schema: FormatSchema, struct: StructDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope): Summary {
  const lines = [oneLine(schema, struct, obj, path, scope, 0)];
  let omitted = 0;
  for (const { field } of fieldsOf(schema, struct, path, scope)) {
    const list = own(obj, field.id);
    if (!holdsStructs(field) || field.repeat === undefined || !Array.isArray(list)) continue;
    for (let i = 0; i < list.length;) {
      let j = i + 1;
      const print = fingerprint(list[i]);
      while (j < list.length && fingerprint(list[j]) === print) j++;
      if (lines.length >= MAX_LINES) omitted++;
      else lines.push(`${field.id}[${j - i === 1 ? i : `${i}..${j - 1}`}]: ${elementLine(schema, field, list[i], [...path, field.id, i], scope, i)}`);
      i = j;
    }
  }
  return { lines: lines.filter((l) => l !== ''), omitted };
}

function elementLine(schema: FormatSchema, field: Parameters<typeof holdsStructs>[0], el: unknown, path: FieldPath, parent: Scope, index: number): string {
  const def = structOf(schema, field, elementScope(parent, index), path);
  if (def === undefined || !isRecord(el)) return displayValue(schema, undefined, el);
  return oneLine(schema, def, el, path, scopeOf(parent, el, path, index, def), 0) || '(empty)';
}

/** A struct's values on one line: `op REGEX, text "…"`; nested structs as `body.score 90`; arrays of structs counted. */
function oneLine(schema: FormatSchema, struct: StructDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope, depth: number): string {
  const line = lineParts(schema, struct, obj, path, scope, depth).join(', ');
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

function lineParts(schema: FormatSchema, struct: StructDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope, depth: number): string[] {
  const parts: string[] = [];
  for (const { field, struct: owner } of fieldsOf(schema, struct, path, scope)) {
    const v = own(obj, field.id);
    if (v === undefined || v === null || layoutKind(owner, field) !== undefined) continue;
    if (!holdsStructs(field)) parts.push(`${field.id} ${displayValue(schema, field, v)}`);
    else if (Array.isArray(v)) parts.push(`${field.id}: ${v.length} element${v.length === 1 ? '' : 's'}`);
    else if (isRecord(v) && depth < MAX_DEPTH) {
      const p = [...path, field.id];
      const def = structOf(schema, field, scope, p);
      if (def) for (const x of lineParts(schema, def, v, p, scopeOf(scope, v, p, undefined, def), depth + 1)) parts.push(`${field.id}.${x}`);
    }
    if (parts.length > 24) break; // the line is cut at MAX_LINE anyway
  }
  return parts;
}
