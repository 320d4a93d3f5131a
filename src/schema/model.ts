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
}

/** What a field holds: an integer, raw bytes, UTF-8 text, a struct, or a struct chosen by a tag. */
export type FieldType =
  | { readonly kind: 'int'; readonly int: IntType; readonly endian: Endian }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'str' }
  | { readonly kind: 'struct'; readonly struct: string }
  | { readonly kind: 'switch'; readonly on: CompiledExpr; readonly cases: ReadonlyMap<number, string>; readonly unknownCode: FindingCode };

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
  /** Byte length, for bytes and str. */
  readonly size: CompiledExpr | undefined;
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

export interface ChecksumDef {
  readonly algo: 'crc32';
  readonly from: CompiledExpr;
  readonly to: CompiledExpr;
  readonly code: FindingCode;
}

export interface PatternDef {
  readonly syntax: 're2';
  readonly invalidCode: FindingCode;
  readonly redosCode: FindingCode | undefined;
}
