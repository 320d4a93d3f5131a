import { crc32 } from 'node:zlib';
import type { FieldPath } from '../../findings/index.js';
import type { FieldDef, Scope } from '../../schema/index.js';
import { raise, sizesOrSkip, type CheckContext } from '../check-context.js';

/** The stored checksum must equal the one computed over its byte range. */
export function checkChecksum(ctx: CheckContext, field: FieldDef, stored: unknown, path: FieldPath, scope: Scope): void {
  const rule = field.checksum!;
  const range = sizesOrSkip(ctx, path, `checksum from ${rule.from.source} to ${rule.to.source}`, scope, rule.from, rule.to);
  if (!range) return;
  const [from, to] = range as [number, number];
  if (from > to || to > ctx.bytes.length || typeof stored !== 'number') return;
  const computed = crc32(ctx.bytes.subarray(from, to));
  if (computed !== stored) raise(ctx, rule.code, path, { stored, computed, from, to });
}
