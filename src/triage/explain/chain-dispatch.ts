import type { ConsumerFault } from '../../consumer/outcome.js';
import { formatPath, type FieldPath } from '../../findings/index.js';
import type { LookupDispatch, SwitchDispatch } from '../../model/index.js';
import { EvalError, evaluateRef, type CompiledExpr, type Expr, type Scope } from '../../schema/index.js';
import { count, faultTag, singular, step, type ChainContext } from './chain-context.js';
import { walkPath, type Level } from './decoded-scope.js';
import { enumOf, operandsOf, quietly, render, showValue } from './describe-expr.js';
import type { ChainStep } from './types.js';

const MAX_LISTED = 8;

/**
 * A tag the consumer has no entry for (`dispatch: {switch, tags}`): the tag on this file, the tags
 * this profile lists, and the jump outside its table. `rule` is undefined for a tag the schema
 * itself has no case for.
 */
export function switchChain(ctx: ChainContext, fault: ConsumerFault, rule: SwitchDispatch | undefined): ChainStep[] {
  const d = fault.details;
  const walk = walkPath(ctx.schema, ctx.file, fault.path);
  const level = [...walk.levels].reverse().find((l) => (rule ? l.def.name === rule.struct : l.def.fields.some((f) => f.type.kind === 'switch'))) ?? walk.levels[walk.levels.length - 1]!;
  const field = level.def.fields.find((f) => (rule ? f.id === rule.field : f.type.kind === 'switch'));
  const on = field?.type.kind === 'switch' ? field.type.on : undefined;
  const env = { schema: ctx.schema, scope: level.scope, levels: walk.levels.slice(0, walk.levels.indexOf(level) + 1) };
  const tagOp = on ? operandsOf(on, env)[0] : undefined;
  const enumName = rule ? ctx.model.profile.tags.get(rule.tags) : undefined;
  const shown = tagOp?.shown ?? showValue(d.actual, enumName, ctx.schema);
  const who = formatPath(tagOp?.path ?? [...level.path, on?.source ?? 'tag']);
  const tagEnum = on ? enumOf(on.ast, env) : undefined;
  const named = shown === String(d.actual) ? (tagEnum ? `, a value the ${tagEnum} enum does not name` : '') : ` (${String(d.actual)})`;
  const steps: ChainStep[] = [step(ctx, `${who} is ${shown}${named}; ${field?.id ?? 'the payload'} is read by the case for it (switch_on: ${on?.source ?? '?'})`, tagOp?.path ?? fault.path)];
  if (rule) {
    const names = (Array.isArray(d.implemented) ? d.implemented : []).map((v) => showValue(v, enumName, ctx.schema));
    steps.push(step(ctx, `${ctx.profile.name} lists ${count(names.length, singular(rule.tags))}: ${listed(names)} (its profile's ${rule.tags})`));
    steps.push(step(ctx, `so ${shown} has no entry in its dispatch table: the jump goes outside the table, and ${field?.id ?? 'the payload'} is never read ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  } else {
    const allowed = (Array.isArray(d.allowed) ? d.allowed : []).map((v) => String(v));
    steps.push(step(ctx, `the schema has no case for ${String(d.actual)} (its cases: ${listed(allowed)}), and neither has ${ctx.profile.name} ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  }
  return steps;
}

/** A table lookup that finds nothing (`dispatch: {lookup, after, at}`): the value looked up, the table, the dereference. */
export function lookupChain(ctx: ChainContext, fault: ConsumerFault, rule: LookupDispatch): ChainStep[] {
  const recordPath = fault.path.slice(0, -1);
  const walk = walkPath(ctx.schema, ctx.file, recordPath);
  const level = walk.levels[walk.levels.length - 1]!;
  const value = fault.details[rule.at];
  const letExpr = level.def.lets?.[rule.let];
  const steps: ChainStep[] = [step(ctx, `${formatPath(fault.path)} = ${showValue(value)}`, fault.path, fault.offset)];
  const table = letExpr ? describeLookup(letExpr.ast, level) : undefined;
  steps.push(step(ctx, `the let \`${rule.let}\` (${letExpr ? `\`${letExpr.source}\`` : 'a table lookup'}) is null for it${table ? `: ${table.text}` : ''}`, table?.path));
  steps.push(step(ctx, `${ctx.profile.name} reads the record up to ${rule.after}, then uses \`${rule.let}\` without checking it: a null dereference ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  return steps;
}

/** `lookup(ARRAY, 'KEY', VALUE)` in words: no element of ARRAY has KEY = VALUE, and the keys it does hold. */
function describeLookup(e: Expr, level: Level): { text: string; path?: FieldPath } | undefined {
  if (e.kind !== 'call' || e.fn !== 'lookup' || e.args.length !== 3) return undefined;
  const [arr, key, val] = e.args as [Expr, Expr, Expr];
  const arrText = render(arr);
  if (arrText === undefined || key.kind !== 'str') return undefined;
  const items = quietly({ source: arrText, ast: arr }, level.scope);
  const wanted = quietly({ source: render(val) ?? '', ast: val }, level.scope);
  if (!Array.isArray(items)) return undefined;
  const keys = items.slice(0, MAX_LISTED).map((it) => (it !== null && typeof it === 'object' ? showValue((it as Record<string, unknown>)[key.value]) : '?'));
  const more = items.length > MAX_LISTED ? `, and ${items.length - MAX_LISTED} more` : '';
  const holds = items.length === 0 ? 'it is empty' : `it holds ${key.value} ${keys.join(', ')}${more}`;
  const path = refPath({ source: arrText, ast: arr }, level.scope);
  return { text: `no element of ${arrText} has ${key.value} = ${showValue(wanted)} (${holds})`, ...(path ? { path } : {}) };
}

function listed(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length > MAX_LISTED * 2 ? `${names.slice(0, MAX_LISTED * 2).join(', ')}, and ${names.length - MAX_LISTED * 2} more` : names.join(', ');
}



function refPath(e: CompiledExpr, scope: Scope): FieldPath | undefined {
  try {
    return evaluateRef(e, scope).path ?? undefined;
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}
