import type { ConsumerFault } from '../../consumer/outcome.js';
import { formatPath, type FieldPath } from '../../findings/index.js';
import type { BufferRule, EngineRule } from '../../model/index.js';
import type { CompiledExpr, FieldDef } from '../../schema/index.js';
import { formatCount } from '../../report/format.js';
import { count, faultTag, step, type ChainContext } from './chain-context.js';
import { fieldsOf, walkPath, type Level } from './decoded-scope.js';
import { listOperands, operandsOf, showValue, type ExprEnv } from './describe-expr.js';
import type { ChainStep } from './types.js';

/** A sized field of the struct at (or above) a fault's path, with where it is and the scope of its expressions. */
interface SizedField {
  readonly field: FieldDef;
  readonly level: Level;
  readonly env: ExprEnv;
  /** `instances[0].criteria[0].text`. */
  readonly path: FieldPath;
}

function findField(ctx: ChainContext, path: FieldPath, match: (f: FieldDef, owner: string) => boolean): SizedField | undefined {
  const walk = walkPath(ctx.schema, ctx.file, path);
  for (let i = walk.levels.length - 1; i >= 0; i--) {
    const level = walk.levels[i]!;
    const owned = fieldsOf(ctx.schema, level.def, level.scope).find((o) => match(o.field, o.owner.name));
    if (owned) return { field: owned.field, level, env: { schema: ctx.schema, scope: level.scope, levels: walk.levels.slice(0, i + 1) }, path: [...level.path, owned.field.id] };
  }
  return undefined;
}

/** `(size: str_len = 300)`: an expression of the field with its operands on this file. */
function exprNote(label: string, e: CompiledExpr | undefined, env: ExprEnv): string {
  if (!e) return '';
  const ops = operandsOf(e, env).filter((o) => o.text !== e.source);
  const own = operandsOf(e, env).find((o) => o.text === e.source);
  const value = own ? ` = ${own.shown}` : ops.length > 0 ? `; ${listOperands(ops)}` : '';
  return ` (${label}: ${e.source}${value})`;
}

/** A view into a copied buffer that ends past the copy (`copies` and the field's `view`): the read outside the buffer. */
export function viewChain(ctx: ChainContext, fault: ConsumerFault): ChainStep[] {
  const d = fault.details;
  const f = findField(ctx, fault.path, (field) => field.view !== undefined && field.atCode === fault.code);
  const buffer = f?.field.view?.source.replace(/^_root\./, '') ?? 'its buffer';
  const at = Number(d.at);
  const size = Number(d.size);
  const end = Number(d.end);
  const length = end - at;
  const steps: ChainStep[] = [];
  if (f) {
    steps.push(step(ctx, `${formatPath(f.path)} is ${count(length, 'byte')}${exprNote('size', f.field.size, f.env)} at ${at} in ${buffer}${exprNote('at', f.field.at, f.env)}`, operandsOf(f.field.at!, f.env).find((o) => o.path)?.path ?? fault.path));
  }
  const copied = ctx.schema.types.get(ctx.schema.root)!.fields.find((x) => x.id === buffer);
  steps.push(step(ctx, `${ctx.profile.name} copied ${buffer} into a buffer of ${count(size, 'byte')} (copies: ${buffer}${copied?.size ? `; its size is ${copied.size.source}` : ''})`, copied ? [buffer] : undefined));
  steps.push(step(ctx, `${at} + ${length} = ${end}, past the ${formatCount(size)}-byte copy: so it reads outside its copy of ${buffer} ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset));
  return steps;
}

/** A value longer than the consumer's fixed buffer for it (`buffers`). */
export function bufferChain(ctx: ChainContext, fault: ConsumerFault, rule: BufferRule): ChainStep[] {
  const d = fault.details;
  const f = findField(ctx, fault.path, (field, owner) => field.id === rule.field && owner === rule.struct);
  const length = Number(d.length);
  const max = Number(d.max);
  const who = f ? formatPath(f.path) : formatPath(fault.path);
  const limits = { schema: ctx.schema, scope: f?.env.scope ?? walkPath(ctx.schema, ctx.file, []).levels[0]!.scope, levels: [], limits: ctx.profile.limits };
  const maxOps = operandsOf(rule.max, limits);
  const maxNote = maxOps.length > 0 && rule.max.source !== String(max) ? ` (${rule.max.source} = ${formatCount(max)})` : '';
  return [
    step(ctx, `${who} is ${count(length, 'byte')}${f ? exprNote('size', f.field.size, f.env) : ''}`, f?.path ?? fault.path, fault.offset),
    step(ctx, `${ctx.profile.name} copies ${rule.struct}.${rule.field} into a fixed buffer of ${count(max, 'byte')}${maxNote} (buffers)`),
    step(ctx, `${formatCount(length)} > ${formatCount(max)}: the copy overflows the buffer ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset),
  ];
}

/** Text the consumer's engine rejects (`engines`): the pattern, what RE2 said, the unhandled error. */
export function engineChain(ctx: ChainContext, fault: ConsumerFault, rule: EngineRule): ChainStep[] {
  const d = fault.details;
  const f = findField(ctx, fault.path, (field, owner) => field.id === rule.field && owner === rule.struct);
  const who = f ? formatPath(f.path) : formatPath(fault.path);
  return [
    step(ctx, `${who} is the pattern ${showValue(String(d.pattern ?? ''))}${f ? exprNote('size', f.field.size, f.env) : ''}`, f?.path ?? fault.path, fault.offset),
    step(ctx, `${ctx.profile.name} compiles it with ${rule.engine.toUpperCase()} (engines), which rejects it: ${showValue(String(d.reason ?? ''))}`),
    step(ctx, `the error is not handled: the consumer crashes ${faultTag(fault.code, fault.path, fault.offset)}`, fault.path, fault.offset),
  ];
}
