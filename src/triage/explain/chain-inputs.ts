import type { ConsumerFault } from '../../consumer/outcome.js';
import { formatPath, type FieldPath } from '../../findings/index.js';
import { childScope, evaluateRef, EvalError, type Scope } from '../../schema/index.js';
import type { InputsDecl } from '../../model/index.js';
import { count, faultTag, singular, nounOf, relative, step, type ChainContext } from './chain-context.js';
import { walkPath, type Level } from './decoded-scope.js';
import { operandsOf, quietly, showValue, type ExprEnv } from './describe-expr.js';
import { conditionPhrase } from './describe-condition.js';
import type { ChainStep } from './types.js';

/** A record that selects the supplied inputs, and one of its elements, as the model's `inputs` clause sees them. */
interface ElementView {
  readonly inputs: InputsDecl;
  readonly recordPath: FieldPath;
  readonly record: Level | undefined;
  readonly elementPath: FieldPath;
  readonly element: ExprEnv | undefined;
  /** The record's key as the model evaluates it (`inputs.key`), or the fault's own when the decode has no record. */
  readonly key: number | undefined;
  readonly keyNoun: string;
  readonly keyShown: string;
}

/**
 * The July 2024 chain in general form, from the model's `inputs` clause: the record's key, what
 * the file declares for it (`declares`), why the element reads (`when`), which input (`index`),
 * of which kind (`kind`), what the profile supplies, and the read that fails.
 */
export function inputFaultChain(ctx: ChainContext, fault: ConsumerFault, kind: 'bounds' | 'kind'): ChainStep[] {
  const inputs = ctx.model.inputs!;
  const d = fault.details;
  const key = Number(d.key ?? NaN);
  const v = elementView(ctx, inputs, fault.path, Number.isFinite(key) ? key : undefined);
  const index = Number(d.index);
  const steps: ChainStep[] = [...recordSteps(ctx, v)];
  if (kind === 'kind') steps.push(...declaredKindStep(ctx, v, index));
  steps.push(readStep(ctx, v, index, kind === 'kind'));
  const item = ctx.model.profile.inputs?.item ?? 'inputs';
  const supplied = (v.key !== undefined ? ctx.profile.inputs.get(v.key) : undefined) ?? [];
  if (kind === 'bounds') {
    steps.push(step(ctx, `${ctx.profile.name} supplies ${count(supplied.length, singular(item))} for ${v.keyNoun} ${v.keyShown}`));
    const how = index < 0 ? 'before the first one' : 'out of bounds';
    steps.push(step(ctx, `so ${item}[${index}] is read ${how} ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  } else {
    steps.push(step(ctx, `${ctx.profile.name} supplies ${singular(item)} ${index} of ${v.keyNoun} ${v.keyShown} as ${String(d.supplied)}`));
    steps.push(step(ctx, `so ${item}[${index}] is read as ${String(d.needs)} but holds ${String(d.supplied)} ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  }
  return steps;
}

/** A skipped element that names an input the profile does not supply (`inputs.latent`): the crash before the content changes. */
export function latentChain(ctx: ChainContext, hazard: ConsumerFault): ChainStep[] {
  const inputs = ctx.model.inputs!;
  const d = hazard.details;
  const v = elementView(ctx, inputs, hazard.path, Number(d.key));
  const index = Number(d.index);
  const item = ctx.model.profile.inputs?.item ?? 'inputs';
  const when = v.element ? conditionPhrase(inputs.when, v.element, relative(v.elementPath, v.recordPath), false) : undefined;
  return [
    ...recordSteps(ctx, v),
    step(ctx, `${when ? `${when.phrase}: ` : ''}the rule \`${inputs.when.source}\` does not hold, so it reads nothing today; it names input ${index}${indexNote(inputs, index)}`, when?.path ?? v.elementPath),
    step(ctx, `${ctx.profile.name} supplies ${count(Number(d.supplied), singular(item))} for ${v.keyNoun} ${v.keyShown}`),
    step(ctx, `so once the rule holds there, ${item}[${index}] is read out of bounds ${faultTag(hazard.code, hazard.path, hazard.offset)}`, hazard.path, hazard.offset),
  ];
}

function elementView(ctx: ChainContext, inputs: InputsDecl, path: FieldPath, key: number | undefined): ElementView {
  const recordPath = path.slice(0, -2);
  const walk = walkPath(ctx.schema, ctx.file, path);
  const record = walk.levels.find((l) => l.path.length === recordPath.length && l.def.name === inputs.record);
  const elementLevel = walk.complete ? walk.levels[walk.levels.length - 1] : undefined;
  const elementDef = ctx.schema.types.get(inputs.element)!;
  let element: ExprEnv | undefined;
  if (record && elementLevel && elementLevel.path.length === path.length) {
    const scope = childScope(record.scope, elementLevel.obj, path, Number(path[path.length - 1]), elementDef.lets);
    element = { schema: ctx.schema, scope, levels: [...walk.levels.slice(0, -1), { ...elementLevel, scope }] };
  }
  const keySource = inputs.key.source;
  const noun = /^[a-z_][a-z0-9_]*$/i.test(keySource) ? nounOf(keySource, ['_id']) : 'key';
  const recordEnv = record ? envOf(ctx, walk.levels, record) : undefined;
  const keyOp = recordEnv ? operandsOf(inputs.key, recordEnv).find((o) => o.text === keySource) : undefined;
  const read = recordEnv ? quietly(inputs.key, recordEnv.scope) : undefined;
  const value = typeof read === 'number' ? read : key;
  const shownKey = keyOp ? keyOp.shown : value !== undefined ? showValue(value) : '(unknown)';
  return { inputs, recordPath, record, elementPath: path, element, key: value, keyNoun: noun, keyShown: shownKey };
}

function envOf(ctx: ChainContext, levels: readonly Level[], at: Level): ExprEnv {
  return { schema: ctx.schema, scope: at.scope, levels: levels.slice(0, levels.indexOf(at) + 1) };
}

/** "instances[5] is of type 1 (type_id = 1)", then what the file's table declares for that key. */
function recordSteps(ctx: ChainContext, v: ElementView): ChainStep[] {
  const steps: ChainStep[] = [];
  const keyRef = v.record ? refPath(v.inputs, v.record.scope) : undefined;
  const value = v.key === undefined || !v.record ? '' : ` (${v.inputs.key.source} = ${v.key})`;
  steps.push(step(ctx, `${formatPath(v.recordPath)} is of ${v.keyNoun} ${v.keyShown}${value}`, keyRef ?? v.recordPath));
  const decl = declaredEntry(ctx, v);
  if (decl) {
    const d = v.inputs.declares!;
    const noun = nounOf(d.count, ['_count']);
    steps.push(step(ctx, `the file's ${d.table} table declares ${count(decl.count, noun)} for ${v.keyNoun} ${v.keyShown} (${d.table}[${decl.k}].${d.count})`, [d.table, decl.k, d.count]));
  }
  return steps;
}

function refPath(inputs: InputsDecl, scope: Scope): FieldPath | undefined {
  try {
    return evaluateRef(inputs.key, scope).path ?? undefined;
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

/** The first entry of the declaration table with the record's key (the one the model compares with). */
function declaredEntry(ctx: ChainContext, v: ElementView): { k: number; entry: Record<string, unknown>; count: number } | undefined {
  const d = v.inputs.declares;
  const table = d ? ctx.file.value[d.table] : undefined;
  if (!d || !Array.isArray(table) || v.key === undefined) return undefined;
  const k = table.findIndex((e) => e !== null && typeof e === 'object' && Number((e as Record<string, unknown>)[d.key]) === v.key);
  if (k < 0) return undefined;
  const entry = table[k] as Record<string, unknown>;
  return { k, entry, count: Number(entry[d.count]) };
}

function declaredKindStep(ctx: ChainContext, v: ElementView, index: number): ChainStep[] {
  const decl = declaredEntry(ctx, v);
  const d = v.inputs.declares;
  const kinds = decl && d ? decl.entry[d.kinds] : undefined;
  if (!d || !decl || !Array.isArray(kinds) || index < 0 || index >= kinds.length) return [];
  const shown = showValue(kinds[index], v.inputs.kindEnum, ctx.schema);
  return [step(ctx, `the file's ${d.table} table declares ${nounOf(d.count, ['_count'])} ${index} of ${v.keyNoun} ${v.keyShown} as ${shown} (${d.table}[${decl.k}].${d.kinds}[${index}])`, [d.table, decl.k, d.kinds, index])];
}

/** "criteria[20].op is REGEX, not ANY: the rule `op != 0` holds, so it reads input 20 (index = _index = 20)". */
function readStep(ctx: ChainContext, v: ElementView, index: number, withKind: boolean): ChainStep {
  const inputs = v.inputs;
  const when = v.element ? conditionPhrase(inputs.when, v.element, relative(v.elementPath, v.recordPath), true) : undefined;
  let kind = '';
  if (withKind && v.element) {
    const k = quietly(inputs.kind, v.element.scope);
    const via = inputs.kind.source === 'kind' ? '' : ` ${inputs.kind.source} =`;
    if (k !== undefined) kind = `, as ${showValue(k, inputs.kindEnum, ctx.schema)} (kind =${via} ${String(k)})`;
  }
  const head = when ? `${when.phrase}: ` : '';
  return step(ctx, `${head}the rule \`${inputs.when.source}\` holds, so it reads input ${index}${indexNote(inputs, index)}${kind}`, when?.path ?? v.elementPath);
}

function indexNote(inputs: InputsDecl, index: number): string {
  return inputs.index.source === String(index) ? '' : ` (index = ${inputs.index.source} = ${index})`;
}

