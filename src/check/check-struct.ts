import type { FieldPath } from '../findings/index.js';
import {
  EvalError, childScope, elementScope, evaluateBool,
  type FieldDef, type Scope, type StructDef,
} from '../schema/index.js';
import { MAX_NESTING } from '../budget/limits.js';
import { cannotEvaluate, messageOf, raise, streamDetail, type CheckContext } from './check-context.js';
import { explainValues } from './explain-values.js';
import { checkChecksum } from './rules/checksum.js';
import { checkContents } from './rules/contents.js';
import { checkPattern } from './rules/pattern.js';
import { checkPlacement } from './rules/placement.js';
import { checkUnique } from './rules/unique.js';
import { checkValid } from './rules/valid-rules.js';
import { chosenCase } from './choose-case.js';
import { measuresPartial } from './partial-operands.js';

/**
 * Checks one struct's fields and asserts, then recurses; paths are absolute (the parent passed its
 * prefix). Deeper than MAX_NESTING, or out of time, it stops with a DECODE_BUDGET finding where it
 * stopped: a file is never passed with part of it unchecked.
 */
export function checkStruct(ctx: CheckContext, struct: StructDef, obj: Record<string, unknown>, scope: Scope, depth = 0): void {
  if (ctx.stopped) return;
  if (depth > MAX_NESTING) {
    raise(ctx, 'DECODE_BUDGET', scope.path, { budget: 'depth', limit: MAX_NESTING, stage: 'checks' });
    return;
  }
  if (!ctx.budget.tick()) return outOfTime(ctx, scope.path);
  for (const field of struct.fields) {
    if (field.type.kind === 'switch' && field.inline) {
      const caseStruct = chosenCase(ctx, field, scope, scope.path);
      if (caseStruct) checkStruct(ctx, caseStruct, obj, scope, depth + 1);
      continue;
    }
    if (!needsVisit(field) || !Object.prototype.hasOwnProperty.call(obj, field.id)) continue; // nothing to check, or not decoded
    checkField(ctx, field, obj[field.id], [...scope.path, field.id], scope, depth);
  }
  for (const a of struct.asserts) {
    const at = a.path ? [...scope.path, ...a.path] : scope.path;
    let ok: boolean;
    try {
      ok = evaluateBool(a.rule, scope);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      cannotEvaluate(ctx, at, a.rule.source, e.message, messageOf(a));
      continue;
    }
    if (ok) continue;
    if (measuresPartial(ctx, a.rule, scope)) ctx.unevaluated++;
    else raise(ctx, a.code, at, ruleDetails(ctx, a.rule, scope, messageOf(a)), a.severity);
  }
}

/** The file's time ran out: one DECODE_BUDGET finding where checking stopped, then every check returns. */
function outOfTime(ctx: CheckContext, path: FieldPath): void {
  ctx.stopped = true;
  raise(ctx, 'DECODE_BUDGET', path, { ...ctx.budget.timeExceeded, stage: 'checks' });
}

function ruleDetails(ctx: CheckContext, rule: StructDef['asserts'][number]['rule'], scope: Scope, message: string | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = { rule: rule.source, values: explainValues(rule, scope), ...streamDetail(ctx, scope), ...(message !== undefined ? { message } : {}) };
  // Simple comparisons also expose their two sides, for messages such as "lo 9 is greater than hi 3".
  for (const name of ['lo', 'hi']) if (typeof scope.object[name] !== 'undefined') details[name] = scope.object[name];
  return details;
}

/** Whether a field has anything to check, itself or below it: most integer fields have not. */
const NEEDS_VISIT = new WeakMap<FieldDef, boolean>();
function needsVisit(field: FieldDef): boolean {
  let v = NEEDS_VISIT.get(field);
  if (v === undefined) {
    const t = field.type;
    v = field.valid.length > 0 || !!field.checksum || !!field.contents || !!field.pattern || !!field.unique || !!field.placement || t.kind === 'struct' || t.kind === 'switch';
    NEEDS_VISIT.set(field, v);
  }
  return v;
}

/** Only `expr` rules, checksums and switch tags read `_index`: other elements share the array's scope. */
function needsElementScope(field: FieldDef): boolean {
  return !!field.checksum || field.type.kind === 'switch' || field.valid.some((v) => v.rule.kind === 'expr');
}

function checkField(ctx: CheckContext, field: FieldDef, value: unknown, path: FieldPath, scope: Scope, depth: number): void {
  if (!needsVisit(field)) return;
  // `if:` false: the field is absent from this file, and so are its rules.
  if (field.cond && value === null) return;
  if (field.repeat && Array.isArray(value)) {
    const perElement = needsElementScope(field);
    for (let i = 0; i < value.length; i++) {
      if (ctx.stopped) return;
      if (!ctx.budget.tick()) return outOfTime(ctx, [...path, i]);
      const item: unknown = value[i];
      if (item !== null && item !== undefined) checkElement(ctx, field, item, [...path, i], perElement ? elementScope(scope, i) : scope, i, depth);
    }
    if (field.unique) checkUnique(ctx, field, value, path);
    if (field.placement) checkPlacement(ctx, field, value, path, scope);
    return;
  }
  checkElement(ctx, field, value, path, scope, undefined, depth);
}

function checkElement(ctx: CheckContext, field: FieldDef, value: unknown, path: FieldPath, scope: Scope, index: number | undefined, depth: number): void {
  if (field.valid.length > 0) checkValid(ctx, field, value, path, scope);
  if (field.contents) checkContents(ctx, field, value, path);
  if (field.checksum) checkChecksum(ctx, field, value, path, scope);
  if (field.pattern) checkPattern(ctx, field, value, field.reportAtStruct ? scope.path : path);
  const t = field.type;
  if ((t.kind === 'struct' || t.kind === 'switch') && typeof value === 'object' && value !== null) {
    // A non-inline switch's tag is evaluated in the scope of the struct that holds it.
    const struct = t.kind === 'struct' ? ctx.schema.types.get(t.struct) : chosenCase(ctx, field, scope, path);
    if (!struct) return;
    const obj = value as Record<string, unknown>;
    checkStruct(ctx, struct, obj, childScope(scope, obj, path, index, struct.lets), depth + 1);
  }
}
