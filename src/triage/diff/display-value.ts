import { safeText } from '../../findings/safe-text.js';
import type { FieldDef, FormatSchema } from '../../schema/index.js';

/** Longest text shown for one value; longer values are cut and their length stated. */
const MAX_TEXT = 80;
/** Bytes shown as hex before the rest is only counted. */
const MAX_HEX = 24;
/** Elements of an array of plain values shown before the rest is only counted. */
const MAX_LIST = 12;

/**
 * A decoded value as a person reads it: an enum's name (`REGEX`), text in quotes, bytes as text
 * when they are printable and as hex otherwise, integers in decimal (with hex beside large ones).
 * Bounded and terminal-safe whatever the file holds.
 */
export function displayValue(schema: FormatSchema, field: FieldDef | undefined, v: unknown): string {
  if (Array.isArray(v)) return displayList(schema, field, v);
  return displayScalar(schema, field, v);
}

export function displayScalar(schema: FormatSchema, field: FieldDef | undefined, v: unknown): string {
  if (v === undefined || v === null) return '(none)';
  if (typeof v === 'number' || typeof v === 'bigint') return displayInt(schema, field, v);
  if (typeof v === 'string') return `"${safeText(v, MAX_TEXT)}"`;
  if (v instanceof Uint8Array) return displayBytes(v);
  if (typeof v === 'boolean') return String(v);
  return '{…}';
}

function displayInt(schema: FormatSchema, field: FieldDef | undefined, v: number | bigint): string {
  const name = field?.enumName !== undefined ? schema.enums.get(field.enumName)?.byValue.get(Number(v)) : undefined;
  if (name !== undefined) return safeText(name, MAX_TEXT);
  const text = String(v);
  const n = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : undefined;
  const plain = n !== undefined && n >= 0x10000n ? `${text} (0x${n.toString(16)})` : text;
  return field?.enumName !== undefined ? `${plain} (not a ${safeText(field.enumName, 40)})` : plain;
}

function displayBytes(b: Uint8Array): string {
  const printable = b.length > 0 && b.every((x) => x >= 0x20 && x < 0x7f);
  if (printable) {
    const text = Buffer.from(b.subarray(0, MAX_TEXT)).toString('latin1');
    return b.length > MAX_TEXT ? `"${text}…" (${b.length} bytes)` : `"${text}"`;
  }
  const hex = Buffer.from(b.subarray(0, MAX_HEX)).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return b.length > MAX_HEX ? `${hex} … (${b.length} bytes)` : b.length === 0 ? '(0 bytes)' : hex;
}

function displayList(schema: FormatSchema, field: FieldDef | undefined, list: readonly unknown[]): string {
  const shown = list.slice(0, MAX_LIST).map((x) => displayScalar(schema, field, x));
  return list.length > MAX_LIST ? `[${shown.join(', ')}, … (${list.length} elements)]` : `[${shown.join(', ')}]`;
}

/** An identity key's value in a path: `instance_id=106`. */
export function displayKey(schema: FormatSchema, key: string, field: FieldDef | undefined, v: unknown): string {
  return `${key}=${v === undefined || v === null ? '?' : displayScalar(schema, field, v)}`;
}
