import { crc32 } from 'node:zlib';
import type { FieldPath } from '../../findings/index.js';
import type { FieldDef, Scope } from '../../schema/index.js';
import { cannotEvaluate, raise, sizesOrSkip, type CheckContext } from '../check-context.js';

/** The stored checksum must equal the one computed over its byte range. */
export function checkChecksum(ctx: CheckContext, field: FieldDef, stored: unknown, path: FieldPath, scope: Scope): void {
  const rule = field.checksum!;
  const what = `checksum from ${rule.from.source} to ${rule.to.source}`;
  const range = sizesOrSkip(ctx, path, what, scope, rule.from, rule.to);
  if (!range) return;
  const [from, to] = range as [number, number];
  if (typeof stored !== 'number') return; // not decoded: the decoder said why
  // A range the checksum cannot cover is not a pass: the stored value was never verified.
  if (from > to || to > ctx.bytes.length) return cannotEvaluate(ctx, path, what, `the range ${from}..${to} is not inside the file (${ctx.bytes.length} bytes)`);
  const computed = crc32(ctx.bytes.subarray(from, to));
  if (computed !== stored) raise(ctx, rule.code, path, { stored, computed, from, to });
}
