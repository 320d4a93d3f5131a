import { crc32 } from 'node:zlib';
import type { FieldPath } from '../../findings/index.js';
import { EvalError, evaluateSize, type FieldDef, type Scope } from '../../schema/index.js';
import { raise, type CheckContext } from '../check-context.js';

/** The stored checksum must equal the one computed over its byte range. */
export function checkChecksum(ctx: CheckContext, field: FieldDef, stored: unknown, path: FieldPath, scope: Scope): void {
  const rule = field.checksum!;
  let from: number;
  let to: number;
  try {
    from = evaluateSize(rule.from, scope);
    to = evaluateSize(rule.to, scope);
  } catch (e) {
    if (e instanceof EvalError) return;
    throw e;
  }
  if (from > to || to > ctx.bytes.length || typeof stored !== 'number') return;
  const computed = crc32(ctx.bytes.subarray(from, to));
  if (computed !== stored) raise(ctx, rule.code, path, { stored, computed, from, to });
}
