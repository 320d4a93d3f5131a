import type { CompiledExpr } from '../expr/index.js';
import { isIntType, type Endian, type FieldType } from '../model.js';
import { expr, optCode, type BuildContext, type Path, type Raw } from './build-context.js';

/** A type reference: a name, or a parametric type with its arguments (`chunk(4, _root.kind)`). */
export interface TypeRef {
  readonly struct: string;
  readonly args: readonly CompiledExpr[] | undefined;
}

/** What a field's `type:` says, as the model's FieldType. */
export function buildType(raw: Raw, path: Path, b: BuildContext): FieldType {
  const t = raw.type;
  if (typeof t === 'string') {
    if (isIntType(t)) return { kind: 'int', int: t, endian: (raw.endian as Endian | undefined) ?? b.endian };
    if (t === 'bytes') return { kind: 'bytes' };
    if (t === 'str' || t === 'strz') return { kind: 'str', encoding: encodingOf(raw.encoding) };
    const bits = /^b([1-9][0-9]?)$/.exec(t);
    if (bits) return { kind: 'bits', bits: Number(bits[1]), bitEndian: (raw.bit_endian as Endian | undefined) ?? b.bitEndian };
    const ref = typeRef(t, [...path, 'type'], b);
    return { kind: 'struct', struct: ref.struct, args: ref.args };
  }
  const sw = t as Raw;
  const cases = new Map<number, string>();
  const textCases = new Map<string, string>();
  const caseArgs = new Map<string, readonly CompiledExpr[]>();
  let defaultCase: string | undefined;
  for (const [k, v] of Object.entries(sw.cases as Record<string, string>)) {
    const at = [...path, 'type', 'cases', k];
    const ref = typeRef(v, at, b);
    if (ref.args) caseArgs.set(caseKey(k, at, b), ref.args);
    if (k === '_') defaultCase = ref.struct;
    else if (k.startsWith('"') || k.startsWith("'")) {
      const text = caseText(k, at, b);
      if (textCases.has(text)) b.fail(at, `case ${k} is given twice`);
      textCases.set(text, ref.struct);
    } else {
      const n = Number(BigInt(k));
      if (!Number.isSafeInteger(n)) b.fail(at, `case ${k} is past 2^53: switch tags must be exact`);
      if (cases.has(n)) b.fail(at, `case ${k} is given twice (as ${n})`);
      cases.set(n, ref.struct);
    }
  }
  return {
    kind: 'switch',
    on: expr(sw.switch_on, [...path, 'type', 'switch_on'], b.fail),
    cases,
    textCases: textCases.size ? textCases : undefined,
    defaultCase,
    caseArgs: caseArgs.size ? caseArgs : undefined,
    unknownCode: optCode(raw.unknown_code, [...path, 'unknown_code'], b) ?? 'BAD_VALUE',
  };
}

const ENCODINGS: Readonly<Record<string, NonNullable<Extract<FieldType, { kind: 'str' }>['encoding']>>> = {
  'utf-8': 'utf-8', 'UTF-8': 'utf-8', ascii: 'ascii', ASCII: 'ascii', latin1: 'latin1', 'ISO-8859-1': 'latin1',
  cp437: 'cp437', CP437: 'cp437', IBM437: 'cp437', 'utf-16le': 'utf-16le', 'UTF-16LE': 'utf-16le', 'utf-16be': 'utf-16be', 'UTF-16BE': 'utf-16be',
};

function encodingOf(value: unknown): Extract<FieldType, { kind: 'str' }>['encoding'] {
  return typeof value === 'string' ? ENCODINGS[value] : undefined;
}

/**
 * `name` or `name(arg, ...)`. Arguments are expressions, split at the commas outside quotes and
 * brackets (one pass over at most a few hundred characters: the shape check bounds the text).
 */
export function typeRef(text: string, path: Path, b: BuildContext): TypeRef {
  const open = text.indexOf('(');
  if (open < 0) return { struct: text, args: undefined };
  if (!text.endsWith(')')) b.fail(path, `${text}: a parametric type is written name(arg, ...)`);
  const struct = text.slice(0, open);
  const inner = text.slice(open + 1, -1);
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  if (parts.length === 1 && parts[0]!.trim() === '') b.fail(path, `${text}: give the arguments, or drop the parentheses`);
  return { struct, args: parts.map((p) => expr(p.trim(), path, b.fail)) };
}

/** A case's key as chooseCase names it: String(n) for an integer, "text" in double quotes, or _. */
function caseKey(k: string, at: Path, b: BuildContext): string {
  if (k === '_') return k;
  if (k.startsWith("'") || k.startsWith('"')) return `"${caseText(k, at, b)}"`;
  return String(Number(BigInt(k)));
}

/** A quoted case key's text, with the expression language's escapes (`'"\x01\x02"'` is two bytes). */
function caseText(k: string, at: Path, b: BuildContext): string {
  const e = expr(k, at, b.fail).ast;
  if (e.kind !== 'str') b.fail(at, `${k} is not a quoted string`);
  return e.value;
}
