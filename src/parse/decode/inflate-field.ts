import type { FieldPath } from '../../findings/index.js';
import type { FieldDef } from '../../schema/index.js';
import { inflateBounded } from '../../codec/inflate.js';
import type { DecodeContext } from './decode-context.js';
import type { DecodeStream } from './stream.js';

/**
 * All the bytes `process` may produce in one decode, whatever each field's own limit: a file of
 * many small bombs, each under its limit, must not add up to more memory than this.
 */
export const MAX_INFLATED_TOTAL = 256 * 1024 * 1024;

/**
 * Decompresses a field's bytes (`raw`, read at `offset` of `io`) within its limit. Data that does
 * not decompress is the process code's finding; output past the limit is a DECODE_BUDGET finding
 * at the field (decoding goes on after it); past the decode's total, the decode stops there.
 * Returns undefined after reporting.
 */
export function inflateField(ctx: DecodeContext, io: DecodeStream, field: FieldDef, raw: Uint8Array, offset: number, path: FieldPath): Uint8Array | undefined {
  const p = field.process!;
  const left = MAX_INFLATED_TOTAL - ctx.inflated;
  const limit = Math.min(p.limit, left);
  const r = inflateBounded(raw, p.algo, limit);
  if (r.bytes) {
    ctx.inflated += r.bytes.length;
    return r.bytes;
  }
  ctx.complete = false;
  if (r.tooLarge && limit < p.limit) {
    ctx.stopForBudget(path, io.origin?.offset ?? offset, { budget: 'process', limit: MAX_INFLATED_TOTAL, total: true });
  }
  if (r.tooLarge) ctx.reportAt(io, 'DECODE_BUDGET', path, offset, { budget: 'process', limit: p.limit, algo: p.algo, stage: 'decode' });
  else ctx.reportAt(io, p.code, path, offset, { algo: p.algo, reason: r.error });
  return undefined;
}
