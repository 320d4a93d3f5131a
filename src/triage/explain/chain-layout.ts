import type { ConsumerFault } from '../../consumer/outcome.js';
import { formatPath, type FieldPath } from '../../findings/index.js';
import { childScope, elementScope, type FieldDef } from '../../schema/index.js';
import { formatCount } from '../../report/format.js';
import { count, faultTag, step, type ChainContext } from './chain-context.js';
import { fieldsOf, structOf, walkPath, type Level, type PathWalk } from './decoded-scope.js';
import { listOperands, operandsOf, quietly as evaluateQuietly, type ExprEnv } from './describe-expr.js';
import type { ChainStep } from './types.js';

const MAX_DEPTH = 6;

/**
 * A read past the end of the file (the model's `load`, with trust): where the layout put the
 * record (its array's count or byte size, or its `at` offset), the field that does not fit and
 * the size the layout gave it, and the bytes the file actually has left.
 */
export function pastEndChain(ctx: ChainContext, fault: ConsumerFault): ChainStep[] {
  const d = fault.details;
  const needed = Number(d.needed);
  const at = Number(d.at);
  const what = String(d.what);
  const walk = walkPath(ctx.schema, ctx.file, fault.path);
  const steps: ChainStep[] = [...placement(ctx, fault, walk)];
  const found = fieldIn(ctx, walk, fault.path, what);
  if (found && !(found.path.length === fault.path.length && found.field === walk.field?.field)) steps.push(sizeStep(ctx, found, needed, at));
  else if (walk.field && walk.field.field.id === what) {
    const last = fault.path[fault.path.length - 1];
    const element = typeof last === 'number';
    steps.push(sizeStep(ctx, { field: walk.field.field, env: envAt(ctx, walk, walk.levels.length - 1, element ? Number(last) : undefined), path: fault.path }, needed, at, element));
  }
  else steps.push(step(ctx, `${what} takes ${count(needed, 'byte')} at ${at}`, undefined, at));
  const left = Math.max(0, ctx.file.size - at);
  steps.push(step(ctx, `the file has ${count(ctx.file.size, 'byte')}: at ${at} ${left === 0 ? 'none is' : `only ${count(left, 'byte')} ${left === 1 ? 'is' : 'are'}`} left, ${formatCount(needed)} needed`));
  steps.push(step(ctx, `${ctx.profile.name} trusts the layout and reads on: past the end of the file ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  return steps;
}

/** Where the record starts: placed by `at`, or the n-th element of an array whose length the layout gives. */
function placement(ctx: ChainContext, fault: ConsumerFault, walk: PathWalk): ChainStep[] {
  const path = fault.path;
  const last = path[path.length - 1];
  const arrayAt = typeof last === 'number' ? path.length - 1 : -1;
  const field = walk.field?.field;
  if (!field) return [];
  const parentIndex = parentLevelIndex(walk, arrayAt >= 0 ? path.slice(0, arrayAt) : path);
  const index = arrayAt >= 0 ? Number(last) : undefined;
  const env = envAt(ctx, walk, parentIndex, index);
  const name = formatPath(arrayAt >= 0 ? path.slice(0, arrayAt) : path);
  const steps: ChainStep[] = [];
  if (field.repeat && !field.repeatBytes && field.repeatKind !== 'eos' && field.repeatKind !== 'until') {
    const n = quietly(field.repeat, env);
    const many = typeof n === 'number' ? `${formatCount(n)} ${n === 1 ? 'element' : 'elements'}` : 'its elements';
    steps.push(step(ctx, `${name} has ${many} (repeat: ${expr(field.repeat.source, env, field.repeat)})`, operandPath(field.repeat, env)));
  } else if (field.repeatBytes) {
    const n = quietly(field.repeatBytes, env);
    const bytes = typeof n === 'number' ? count(n, 'byte') : 'its bytes';
    steps.push(step(ctx, `${name} fills ${bytes} (repeat_bytes: ${expr(field.repeatBytes.source, env, field.repeatBytes)})`, operandPath(field.repeatBytes, env)));
  }
  if (field.at) steps.push(step(ctx, `${formatPath(path)} is placed at ${fault.offset} (at: ${expr(field.at.source, env, field.at)})`, operandPath(field.at, env)));
  else steps.push(step(ctx, `${formatPath(path)} starts at ${fault.offset}, where the read before it ended`, path, fault.offset));
  return steps;
}

function quietly(e: NonNullable<FieldDef['repeat']>, env: ExprEnv): unknown {
  return evaluateQuietly(e, env.scope);
}

function expr(source: string, env: ExprEnv, e: FieldDef['repeat']): string {
  const own = e ? operandsOf(e, env).find((o) => o.text === source) : undefined;
  if (own) return `${source} = ${own.shown}`;
  const ops = e ? operandsOf(e, env) : [];
  return ops.length > 0 ? `${source} (${listOperands(ops)})` : source;
}

function operandPath(e: NonNullable<FieldDef['repeat']>, env: ExprEnv): FieldPath | undefined {
  return operandsOf(e, env).find((o) => o.path !== undefined)?.path;
}

function parentLevelIndex(walk: PathWalk, holderPath: FieldPath): number {
  for (let i = walk.levels.length - 1; i >= 0; i--) if (walk.levels[i]!.path.length < holderPath.length) return i;
  return 0;
}

function envAt(ctx: ChainContext, walk: PathWalk, i: number, index: number | undefined): ExprEnv {
  const level = walk.levels[i]!;
  return { schema: ctx.schema, scope: index === undefined ? level.scope : elementScope(level.scope, index), levels: walk.levels.slice(0, i + 1) };
}

interface Found { readonly field: FieldDef; readonly env: ExprEnv; readonly path: FieldPath }

/** The field named `what` inside the record (the first in read order, the innermost structs followed as far as they were decoded). */
function fieldIn(ctx: ChainContext, walk: PathWalk, recordPath: FieldPath, what: string): Found | undefined {
  const record = walk.complete ? walk.levels.find((l) => l.path.length === recordPath.length) : undefined;
  if (record) return search(ctx, record, walk.levels.slice(0, walk.levels.indexOf(record) + 1), what, 0);
  // The decode did not keep the record (it stopped where the consumer does): its definition still says what it reads first.
  const field = walk.field?.field;
  const def = field?.type.kind === 'struct' ? ctx.schema.types.get(field.type.struct) : undefined;
  const holder = walk.levels[parentLevelIndex(walk, recordPath.slice(0, -1))];
  if (!field || !def || !holder || !recordPath.includes(field.id)) return undefined;
  const last = recordPath[recordPath.length - 1];
  const index = typeof last === 'number' ? last : undefined;
  const empty: Record<string, unknown> = {};
  const level: Level = { def, obj: empty, path: recordPath, scope: childScope(holder.scope, empty, recordPath, index, def.lets) };
  return search(ctx, level, [...walk.levels.slice(0, walk.levels.indexOf(holder) + 1), level], what, 0);
}

function search(ctx: ChainContext, level: Level, levels: readonly Level[], what: string, depth: number): Found | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const { field } of fieldsOf(ctx.schema, level.def, level.scope)) {
    if (field.id === what) return { field, env: { schema: ctx.schema, scope: level.scope, levels }, path: [...level.path, field.id] };
    if (field.repeat) continue;
    const def = structOf(ctx.schema, field, level.scope);
    if (!def) continue;
    const raw = level.obj[field.id];
    const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof Uint8Array) ? (raw as Record<string, unknown>) : {};
    const path = [...level.path, field.id];
    const child: Level = { def, obj, path, scope: childScope(level.scope, obj, path, undefined, def.lets) };
    const hit = search(ctx, child, [...levels, child], what, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/** "text is _parent.length = 1024 bytes", "length is a u2 (2 bytes)". */
function sizeStep(ctx: ChainContext, f: Found, needed: number, at: number, element = false): ChainStep {
  const t = f.field.type;
  const name = formatPath(f.path);
  let text: string;
  if (f.field.repeat && t.kind === 'int' && !element) text = `${name} has ${expr(f.field.repeat.source, f.env, f.field.repeat)} elements of ${t.int}; the one at ${at} needs ${count(needed, 'byte')}`;
  else if (f.field.size) text = `${name} is ${count(needed, 'byte')} (size: ${expr(f.field.size.source, f.env, f.field.size)}), read at ${at}`;
  else if (t.kind === 'int') text = `${name} is a ${t.int} (${count(needed, 'byte')}), read at ${at}`;
  else text = `${name} takes ${count(needed, 'byte')} at ${at}`;
  return step(ctx, text, f.path, at);
}
