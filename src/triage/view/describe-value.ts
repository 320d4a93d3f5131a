import { groupDigits, quoteText } from '../../findings/safe-text.js';
import type { FieldDef, FormatSchema } from '../../schema/index.js';

/** Bytes shown in a node's value before the rest is summarised. */
const PREVIEW_BYTES = 16;

/** `de ad be ef … (1,234 bytes)`: a short, bounded look at some bytes. */
export function hexPreview(bytes: Uint8Array): string {
  let out = '';
  const n = Math.min(bytes.length, PREVIEW_BYTES);
  for (let i = 0; i < n; i++) out += (i ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  if (bytes.length > n) out += ` … (${groupDigits(bytes.length)} bytes)`;
  return bytes.length === 0 ? '(empty)' : out;
}

/** An integer's enum name, or a note that it names no member; undefined for a field without an enum. */
export function enumMeaning(schema: FormatSchema, field: FieldDef | undefined, v: number | bigint): string | undefined {
  if (!field?.enumName) return undefined;
  const e = schema.enums.get(field.enumName);
  if (!e) return undefined;
  const n = Number(v);
  const name = Number.isSafeInteger(n) ? e.byValue.get(n) : undefined;
  return name ?? `not a ${field.enumName} value`;
}

/** The value and meaning of a leaf: numbers as they are, text decoded and quoted, bytes previewed. */
export function describeLeaf(schema: FormatSchema, field: FieldDef | undefined, v: unknown, raw: Uint8Array | undefined): { value?: string; meaning?: string } {
  if (typeof v === 'number' || typeof v === 'bigint') {
    const meaning = enumMeaning(schema, field, v);
    return meaning === undefined ? { value: String(v) } : { value: String(v), meaning };
  }
  if (typeof v === 'string') return raw ? { value: hexPreview(raw), meaning: quoteText(v, 80) } : { meaning: quoteText(v, 80) };
  if (v instanceof Uint8Array) {
    // A processed field's value is the decompressed bytes: what is in the file is its raw bytes.
    if (raw && raw.length !== v.length) return { value: hexPreview(raw), meaning: `decompressed to ${groupDigits(v.length)} bytes` };
    return { value: hexPreview(v) };
  }
  if (typeof v === 'boolean') return { value: String(v) };
  if (v === null) return { meaning: 'absent' };
  return {};
}
