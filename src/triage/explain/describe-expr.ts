import { formatPath, type FieldPath } from '../../findings/index.js';
import { escapeControls } from '../../report/format.js';
import { EvalError, evaluate, evaluateRef, forEachReference, referenceText, type CompiledExpr, type Expr, type FormatSchema, type Scope, type StructDef } from '../../schema/index.js';
import { fieldsOf, type Level } from './decoded-scope.js';

/** Where an expression is evaluated: its scope, the structs above it (for enum types) and the profile's limits. */
export interface ExprEnv {
  readonly schema: FormatSchema;
  readonly scope: Scope;
  readonly levels: readonly Level[];
  readonly limits?: ReadonlyMap<string, number>;
}

/** One operand of an expression: its text, value, the value as shown (enum names), and where it sits. */
export interface Operand {
  readonly text: string;
  readonly value: unknown;
  readonly shown: string;
  readonly path?: FieldPath;
}

const MAX_OPERANDS = 6;

/** The value of an expression, or undefined when it cannot be evaluated on this file. */
export function quietly(expr: CompiledExpr, scope: Scope): unknown {
  try {
    return evaluate(expr, scope);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

/** Every field, let, member and limit an expression reads, once each, with its value on this file. */
export function operandsOf(expr: CompiledExpr, env: ExprEnv): Operand[] {
  const out: Operand[] = [];
  const seen = new Set<string>();
  forEachReference(expr.ast, (text, e) => {
    if (seen.has(text) || out.length >= MAX_OPERANDS) return;
    seen.add(text);
    const op = operand(text, e, env);
    if (op) out.push(op);
  }, true);
  return out;
}

/** `header.magic = 2863311531 (0xAAAAAAAB), limits.max_instances = 4096`. */
export function listOperands(ops: readonly Operand[]): string {
  return ops.map((o) => `${o.text} = ${o.shown}`).join(', ');
}

function operand(text: string, e: Expr, env: ExprEnv): Operand | undefined {
  if (e.kind === 'member' && e.object.kind === 'name' && e.object.name === 'limits' && env.limits?.has(e.name)) {
    const v = env.limits.get(e.name)!;
    return { text, value: v, shown: showValue(v) };
  }
  try {
    const ref = evaluateRef({ source: text, ast: e }, env.scope);
    if (!isShowable(ref.value)) return undefined;
    return { text, value: ref.value, shown: showValue(ref.value, enumOf(e, env), env.schema), ...(ref.path ? { path: ref.path } : {}) };
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

const isShowable = (v: unknown): boolean =>
  v === null || ['number', 'bigint', 'boolean', 'string'].includes(typeof v) || v instanceof Uint8Array;

/** A value as a person reads it: enum names, hex beside large integers, quoted and bounded text. */
export function showValue(v: unknown, enumName?: string, schema?: FormatSchema): string {
  if (typeof v === 'number' || typeof v === 'bigint') {
    const name = enumName !== undefined && schema ? schema.enums.get(enumName)?.byValue.get(Number(v)) : undefined;
    if (name !== undefined) return name;
    return v >= 0x10000 ? `${v} (0x${v.toString(16).toUpperCase()})` : String(v);
  }
  if (typeof v === 'string') return `"${escapeControls(v, 80)}"`;
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (v === null || v === undefined) return 'null';
  return escapeControls(String(v), 80);
}

/** The enum an integer operand is typed with, found through the schema's definitions (fields only; lets have none). */
export function enumOf(e: Expr, env: ExprEnv): string | undefined {
  const field = fieldOf(e, env);
  return field?.enumName;
}

function fieldOf(e: Expr, env: ExprEnv): { readonly enumName: string | undefined } | undefined {
  if (e.kind === 'name') return ownField(env.levels[env.levels.length - 1], e.name, env);
  if (e.kind === 'index') return fieldOf(e.object, env); // an element of an enum-typed array
  if (e.kind === 'member') {
    const holder = structOfRef(e.object, env);
    return holder ? holder.fields.find((f) => f.id === e.name) : undefined;
  }
  return undefined;
}

function ownField(level: Level | undefined, name: string, env: ExprEnv): { readonly enumName: string | undefined } | undefined {
  if (!level) return undefined;
  return fieldsOf(env.schema, level.def, level.scope).find((f) => f.field.id === name)?.field;
}

function structOfRef(e: Expr, env: ExprEnv): StructDef | undefined {
  const levels = env.levels;
  if (e.kind === 'name') {
    if (e.name === '_root') return levels[0]?.def;
    if (e.name === '_parent') return levels[levels.length - 2]?.def;
    const f = levels.length > 0 ? fieldsOf(env.schema, levels[levels.length - 1]!.def, undefined).find((x) => x.field.id === e.name)?.field : undefined;
    return f?.type.kind === 'struct' ? env.schema.types.get(f.type.struct) : undefined;
  }
  if (e.kind === 'index') return structOfRef(e.object, env);
  if (e.kind === 'member') {
    const holder = structOfRef(e.object, env);
    const f = holder?.fields.find((x) => x.id === e.name);
    return f?.type.kind === 'struct' ? env.schema.types.get(f.type.struct) : undefined;
  }
  return undefined;
}


/** The text of a reference expression (`_parent.template.field_kinds[_index]`), undefined for anything else. */
export const render = referenceText;

/** `instances[5].type_id`, or undefined. */
export function pathText(path: FieldPath | undefined): string | undefined {
  return path === undefined ? undefined : formatPath(path);
}
