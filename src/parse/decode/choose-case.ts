import { EvalError, evaluate, evaluateInt, type CompiledExpr, type FieldDef, type FieldType, type Scope } from '../../schema/index.js';
import { STOP, type DecodeContext } from './decode-context.js';
import { fileOffset, type Slot } from './decode-common.js';
import type { DecodeStream } from './stream.js';

type Switch = Extract<FieldType, { kind: 'switch' }>;

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/**
 * The case a switch's tag selects: an integer tag among the integer cases, a str tag (or a bytes
 * tag, read as Latin-1) among the text cases, else the default `_`. No case and no default is the
 * switch's unknown-tag finding. Returns the case's type and its arguments (caseArgs, keyed by
 * String(int), '"text"' or '_').
 */
export function chooseCase(ctx: DecodeContext, field: FieldDef, t: Switch, slot: Slot, scope: Scope, offset: number, io: DecodeStream): { name: string; args: readonly CompiledExpr[] | undefined } {
  let tag: unknown;
  try {
    tag = t.textCases?.size ? evaluate(t.on, scope) : evaluateInt(t.on, scope);
  } catch (e) {
    if (e instanceof EvalError) return ctx.cannotEvaluate([...slot.parentPath, slot.key], fileOffset(io, offset), 'switch_on', t.on.source, e.message);
    throw e;
  }
  let name: string | undefined;
  let text: string | undefined;
  if (typeof tag === 'number' || typeof tag === 'bigint') name = t.cases.get(Number(tag));
  else if (typeof tag === 'string' || tag instanceof Uint8Array) {
    text = typeof tag === 'string' ? tag : latin1(tag);
    name = t.textCases?.get(text);
  }
  const isDefault = name === undefined && t.defaultCase !== undefined;
  if (isDefault) name = t.defaultCase;
  if (name === undefined) {
    const at = field.inline || field.reportAtStruct ? scope.path : [...slot.parentPath, slot.key];
    ctx.complete = false;
    const actual = tag instanceof Uint8Array ? latin1(tag) : tag;
    const allowed = [...t.cases.keys(), ...(t.textCases?.keys() ?? [])];
    ctx.reportAt(io, t.unknownCode, at, offset, { actual, allowed }, ctx.locate(at)?.offset ?? offset);
    throw STOP;
  }
  // The key is built only for a switch with case arguments: most switches have none, and run per record.
  if (!t.caseArgs) return { name, args: undefined };
  const key = isDefault ? '_' : text !== undefined ? `"${text}"` : String(tag);
  return { name, args: t.caseArgs.get(key) };
}
