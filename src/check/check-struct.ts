import type { FieldPath } from '../findings/index.js';
import {
  EvalError, childScope, elementScope, evaluateBool, evaluateInt,
  type FieldDef, type Scope, type StructDef,
} from '../schema/index.js';
import { raise, type CheckContext } from './check-context.js';
import { explainValues } from './explain-values.js';
import { checkChecksum } from './rules/checksum.js';
import { checkPattern } from './rules/pattern.js';
import { checkPlacement } from './rules/placement.js';
import { checkUnique } from './rules/unique.js';
import { checkValid } from './rules/valid-rules.js';

const MAX_DEPTH = 64;

/** Checks one struct's fields and asserts, then recurses; paths are absolute (the parent passed its prefix). */
export function checkStruct(ctx: CheckContext, struct: StructDef, obj: Record<string, unknown>, scope: Scope, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  for (const field of struct.fields) {
    if (field.type.kind === 'switch' && field.inline) {
      const caseStruct = chosenCase(ctx, field, scope);
      if (caseStruct) checkStruct(ctx, caseStruct, obj, scope, depth + 1);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(obj, field.id)) continue; // not decoded: its absence was reported
    checkField(ctx, field, obj[field.id], [...scope.path, field.id], scope, depth);
  }
  for (const a of struct.asserts) {
    let ok: boolean;
    try {
      ok = evaluateBool(a.rule, scope);
    } catch (e) {
      if (e instanceof EvalError) continue;
      throw e;
    }
    if (!ok) raise(ctx, a.code, a.path ? [...scope.path, ...a.path] : scope.path, ruleDetails(a.rule, scope), a.severity);
  }
}

function ruleDetails(rule: StructDef['asserts'][number]['rule'], scope: Scope): Record<string, unknown> {
  const details: Record<string, unknown> = { rule: rule.source, values: explainValues(rule, scope) };
  // Simple comparisons also expose their two sides, for messages such as "lo 9 is greater than hi 3".
  for (const name of ['lo', 'hi']) if (typeof scope.object[name] !== 'undefined') details[name] = scope.object[name];
  return details;
}

function chosenCase(ctx: CheckContext, field: FieldDef, scope: Scope): StructDef | undefined {
  if (field.type.kind !== 'switch') return undefined;
  try {
    const name = field.type.cases.get(Number(evaluateInt(field.type.on, scope)));
    return name === undefined ? undefined : ctx.schema.types.get(name);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

function checkField(ctx: CheckContext, field: FieldDef, value: unknown, path: FieldPath, scope: Scope, depth: number): void {
  if (field.repeat && Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== null && item !== undefined) checkElement(ctx, field, item, [...path, i], elementScope(scope, i), i, depth);
    });
    if (field.unique) checkUnique(ctx, field, value, path);
    if (field.placement) checkPlacement(ctx, field, value, path, scope);
    return;
  }
  checkElement(ctx, field, value, path, scope, undefined, depth);
}

function checkElement(ctx: CheckContext, field: FieldDef, value: unknown, path: FieldPath, scope: Scope, index: number | undefined, depth: number): void {
  checkValid(ctx, field, value, path, scope);
  if (field.checksum) checkChecksum(ctx, field, value, path, scope);
  if (field.pattern) checkPattern(ctx, field, value, field.reportAtStruct ? scope.path : path);
  const t = field.type;
  if ((t.kind === 'struct' || t.kind === 'switch') && typeof value === 'object' && value !== null) {
    const structName = t.kind === 'struct' ? t.struct : undefined;
    // A non-inline switch's tag is evaluated in the scope of the struct that holds it.
    const struct = structName ? ctx.schema.types.get(structName) : chosenCase(ctx, field, scope);
    if (!struct) return;
    const obj = value as Record<string, unknown>;
    checkStruct(ctx, struct, obj, childScope(scope, obj, path, index, struct.lets), depth + 1);
  }
}

