import type { FieldPath } from '../../findings/index.js';
import type { FieldDef } from '../../schema/index.js';
import { raise, type CheckContext } from '../check-context.js';

/**
 * `contents:` magic bytes. A mismatch is the field's own code (BAD_MAGIC unless the schema gives
 * another) at the field, with both byte strings. The decoder only reads the bytes: a field it
 * could not read (TRUNCATED) has no value and is not judged twice.
 */
export function checkContents(ctx: CheckContext, field: FieldDef, value: unknown, path: FieldPath): void {
  const want = field.contents!;
  if (!(value instanceof Uint8Array)) return;
  if (value.length === want.bytes.length && value.every((b, i) => b === want.bytes[i])) return;
  raise(ctx, want.code, path, { expected: want.bytes, actual: value.subarray(0, Math.max(want.bytes.length, 64)) });
}
