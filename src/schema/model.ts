import type { FindingCode, Severity } from '../findings/index.js';
import type { CompiledExpr } from './expr/index.js';

/** A loaded, validated schema: the single description that drives parse, check, encode, fuzz and inspect. */
export interface FormatSchema {
  readonly format: string;
  readonly title: string;
  readonly source: string;
  readonly endian: Endian;
  readonly root: string;
  readonly enums: ReadonlyMap<string, EnumDef>;
  readonly types: ReadonlyMap<string, StructDef>;
  /** Finding codes the schema defines for its format (`codes:`), beside the built-in ones. */
  readonly codes: ReadonlyMap<string, SchemaCodeDef>;
}

/** A format-specific finding code declared by the schema (`codes:`). */
export interface SchemaCodeDef {
  readonly severity: Severity;
  readonly title: string;
  /** `{detail}` placeholders, filled from the finding's details when rendered. */
  readonly message: string;
  readonly meaning: string | undefined;
  readonly fix: string | undefined;
}

export type Endian = 'le' | 'be';
export type IntType = 'u1' | 'u2' | 'u4' | 'u8' | 's1' | 's2' | 's4' | 's8';
export const INT_WIDTH: Readonly<Record<IntType, number>> = { u1: 1, u2: 2, u4: 4, u8: 8, s1: 1, s2: 2, s4: 4, s8: 8 };
export const isIntType = (t: string): t is IntType => Object.prototype.hasOwnProperty.call(INT_WIDTH, t);

export interface EnumDef {
  readonly name: string;
  readonly byValue: ReadonlyMap<number, string>;
  readonly byName: ReadonlyMap<string, number>;
}

export interface StructDef {
  readonly name: string;
  readonly doc: string | undefined;
  readonly fields: readonly FieldDef[];
  /** Let bindings by name, in an object without a prototype (look names up with hasOwnProperty). */
  readonly lets: Readonly<Record<string, CompiledExpr>> | undefined;
  readonly asserts: readonly AssertDef[];
  /** Parameters of a parametric type (`params:`), bound by the caller's `type: name(args)`; names like fields. */
  readonly params?: readonly ParamDef[] | undefined;
}

export interface ParamDef {
  readonly id: string;
  /** What the argument must be: checked when it is bound (a wrong kind is a CONSTRAINT finding). */
  readonly type: 'int' | 'bytes' | 'str' | 'bool' | 'any';
}

/** Text encodings a `str` may use (`encoding:`); UTF-8 by default. */
export type TextEncoding = 'utf-8' | 'ascii' | 'latin1' | 'cp437' | 'utf-16le' | 'utf-16be';

/** A struct chosen by a switch: its type name and, for a parametric type, the arguments. */
export interface CaseTarget {
  readonly struct: string;
  readonly args: readonly CompiledExpr[] | undefined;
}

/** What a field holds: an integer, a bit field, raw bytes, text, a struct, or a struct chosen by a tag. */
export type FieldType =
  | { readonly kind: 'int'; readonly int: IntType; readonly endian: Endian }
  /** An unsigned integer of 1-64 bits, read from a bit stream (`b1`..`b64`); `bitEndian` orders the bits. */
  | { readonly kind: 'bits'; readonly bits: number; readonly bitEndian: Endian }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'str'; readonly encoding?: TextEncoding | undefined }
  | { readonly kind: 'struct'; readonly struct: string; readonly args?: readonly CompiledExpr[] | undefined }
  | {
      readonly kind: 'switch';
      readonly on: CompiledExpr;
      /** Integer tags. */
      readonly cases: ReadonlyMap<number, string>;
      /** Text and byte-string tags (`'"IHDR"': ihdr`), as Latin-1 strings: a bytes tag matches by its bytes. */
      readonly textCases?: ReadonlyMap<string, string> | undefined;
      /** The `_` case: any other tag. */
      readonly defaultCase?: string | undefined;
      /** Arguments of parametric case types, by case key: String(int), '"text"' (double quotes) or '_'. */
      readonly caseArgs?: ReadonlyMap<string, readonly CompiledExpr[]> | undefined;
      readonly unknownCode: FindingCode;
    };

/** How an array ends: a count, a byte size, the element just read (`repeat: until`), or its stream's end (`repeat: eos`). */
export type RepeatKind = 'count' | 'bytes' | 'until' | 'eos';

/** Decompression applied to a field's bytes before they are parsed (`process:`). */
export interface ProcessDef {
  readonly algo: 'zlib' | 'deflate';
  /** The most bytes decompression may produce; past it, a DECODE_BUDGET finding. */
  readonly limit: number;
  /** The finding for data that does not decompress. */
  readonly code: FindingCode;
}

export interface FieldDef {
  readonly id: string;
  readonly doc: string | undefined;
  readonly type: FieldType;
  /**
   * Element count; the field is then an array. For an array sized in bytes this is `len(<id>)`:
   * the count is whatever fits, and `repeatBytes` gives the size.
   */
  readonly repeat: CompiledExpr | undefined;
  /** Byte size of an array whose elements are read until exactly that many bytes are consumed. */
  readonly repeatBytes: CompiledExpr | undefined;
  /** Absent means 'count' (or no repeat); see RepeatKind. */
  readonly repeatKind?: RepeatKind | undefined;
  /** `repeat: until`: evaluated after each element with `_` bound to it; true ends the array. */
  readonly repeatUntil?: CompiledExpr | undefined;
  /** `if`: the field is read only when this holds; otherwise its value is null. */
  readonly cond?: CompiledExpr | undefined;
  /**
   * Byte length. For bytes and str, the value's length; for a struct or switch, a substream: its
   * fields must fit inside, and what they leave unread is skipped.
   */
  readonly size: CompiledExpr | undefined;
  /** `size_eos: true`: the field takes the rest of its stream. */
  readonly sizeEos?: boolean | undefined;
  /** Terminator-driven read (`strz`, `terminator:`): the byte that ends a bytes or str field. */
  readonly terminator?: number | undefined;
  /** The terminator is part of the value (default false). */
  readonly include?: boolean | undefined;
  /** The cursor moves past the terminator (default true). */
  readonly consume?: boolean | undefined;
  /** Magic bytes the field must hold (`contents:`), with the finding when it does not. */
  readonly contents?: { readonly bytes: Uint8Array; readonly code: FindingCode } | undefined;
  readonly process?: ProcessDef | undefined;
  /** Placed at this offset (absolute, or inside `view`) instead of at the cursor; the cursor does not move. */
  readonly at: CompiledExpr | undefined;
  readonly atCode: FindingCode;
  /** A read-only window into another bytes field (a string pool): `at` is relative to it. */
  readonly view: CompiledExpr | undefined;
  /** A switch whose chosen struct's fields are merged into this struct (no nesting in paths). */
  readonly inline: boolean;
  /** Findings raised by this field are reported at the enclosing struct (e.g. a criterion's opcode byte). */
  readonly reportAtStruct: boolean;
  readonly enumName: string | undefined;
  readonly valid: readonly ValidDef[];
  readonly unique: { readonly key: string; readonly code: FindingCode } | undefined;
  readonly placement: PlacementDef | undefined;
  readonly checksum: ChecksumDef | undefined;
  readonly utf8Code: FindingCode | undefined;
  readonly pattern: PatternDef | undefined;
  /** How the encoder computes the field when the source value does not pin it. */
  readonly derive: CompiledExpr | undefined;
  /** A bytes field that the encoder assembles from the views that point into it. */
  readonly pool: boolean;
}

export type ValidRule =
  | { readonly kind: 'eq'; readonly value: bigint }
  | { readonly kind: 'range'; readonly min: bigint | undefined; readonly max: bigint | undefined }
  | { readonly kind: 'in'; readonly values: readonly bigint[] }
  | { readonly kind: 'mask'; readonly allowed: bigint }
  | { readonly kind: 'enum' }
  | { readonly kind: 'expr'; readonly expr: CompiledExpr };

export interface ValidDef {
  readonly rule: ValidRule;
  readonly code: FindingCode;
  readonly severity: Severity | undefined;
  /** A plain sentence saying what the rule requires, for reports (instead of the raw expression). */
  readonly message?: string | undefined;
}

export interface AssertDef {
  readonly rule: CompiledExpr;
  readonly code: FindingCode;
  readonly severity: Severity | undefined;
  /** A field of this struct to report at; the struct itself when absent. */
  readonly path: readonly string[] | undefined;
  /** A plain sentence saying what the rule requires, for reports (instead of the raw expression). */
  readonly message?: string | undefined;
}

export interface PlacementDef {
  readonly start: CompiledExpr;
  readonly end: CompiledExpr;
  readonly code: FindingCode;
  readonly gapCode: FindingCode | undefined;
}

export type ChecksumAlgo = 'crc32' | 'crc32-low16' | 'crc16-ccitt' | 'adler32' | 'sha256';

/**
 * A checksum stored in this field: over the byte range [from, to) of the field's stream, or over
 * the value of another field (`of`: its bytes, after `process` when it has one).
 */
export interface ChecksumDef {
  readonly algo: ChecksumAlgo;
  readonly from: CompiledExpr | undefined;
  readonly to: CompiledExpr | undefined;
  readonly of?: CompiledExpr | undefined;
  readonly code: FindingCode;
}

export interface PatternDef {
  readonly syntax: 're2';
  readonly invalidCode: FindingCode;
  readonly redosCode: FindingCode | undefined;
}

type SwitchType = Extract<FieldType, { kind: 'switch' }>;

/** Every struct a switch can choose, once each: integer cases, text cases and the default. */
export function caseStructs(t: SwitchType): string[] {
  const out = new Set(t.cases.values());
  if (t.textCases) for (const s of t.textCases.values()) out.add(s);
  if (t.defaultCase !== undefined) out.add(t.defaultCase);
  return [...out];
}

/**
 * The case a tag selects: an integer tag by `cases`, a str or bytes tag (as Latin-1) by
 * `textCases`, anything else by the default; undefined when none applies.
 */
export function chooseCase(t: SwitchType, tag: unknown): CaseTarget | undefined {
  let key: string | undefined;
  let struct: string | undefined;
  if (typeof tag === 'number' || typeof tag === 'bigint') {
    const n = Number(tag);
    struct = Number.isSafeInteger(n) ? t.cases.get(n) : undefined;
    key = struct === undefined ? undefined : String(n);
  } else if (t.textCases && (typeof tag === 'string' || tag instanceof Uint8Array)) {
    const text = typeof tag === 'string' ? tag : latin1Text(tag);
    struct = t.textCases.get(text);
    key = struct === undefined ? undefined : `"${text}"`;
  }
  if (struct === undefined && t.defaultCase !== undefined) {
    struct = t.defaultCase;
    key = '_';
  }
  if (struct === undefined) return undefined;
  return { struct, args: t.caseArgs && key !== undefined ? argsFor(t.caseArgs, key) : undefined };
}

/** caseArgs are keyed canonically by the loader: String(n), "text" or _. */
function argsFor(args: ReadonlyMap<string, readonly CompiledExpr[]>, key: string): readonly CompiledExpr[] | undefined {
  return args.get(key);
}

function latin1Text(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length && i < 256; i++) s += String.fromCharCode(bytes[i]!);
  return bytes.length > 256 ? s + '\u0100' : s; // longer than any case key: matches none
}
