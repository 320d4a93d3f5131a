import { checksum } from '../../codec/checksum.js';
import type { FieldPath } from '../../findings/index.js';
import { childScope, type FieldDef, type Scope, type StreamIo } from '../../schema/index.js';
import { cannotEvaluate, raise, type CheckContext } from '../check-context.js';
import { fieldBytes, rangeBytes } from './checksum-bytes.js';

/**
 * The stream a struct value was read from, when it is its own (a `size` substream, decompressed
 * bytes): the decoder remembers it with the object, and a child scope built for the object takes it.
 */
function ownStream(scope: Scope): (o: object) => StreamIo | undefined {
  return (o) => {
    const io = childScope(scope, o as Record<string, unknown>, scope.path, undefined).io;
    return io !== undefined && io !== scope.io ? io : undefined;
  };
}

/**
 * The stored checksum must equal the one computed over what it covers: a byte range of the
 * field's stream, or another field's bytes (`of`). sha256 is stored as 32 bytes, the others as
 * integers. A checksum that cannot be computed or compared is a CONSTRAINT finding, never a pass.
 */
export function checkChecksum(ctx: CheckContext, field: FieldDef, stored: unknown, path: FieldPath, scope: Scope): void {
  const rule = field.checksum!;
  const covered = rule.of ? fieldBytes(ctx, rule, path, scope, ownStream(scope)) : rangeBytes(ctx, rule, path, scope);
  if (!covered) return;
  if (rule.algo === 'sha256') {
    if (!(stored instanceof Uint8Array) || stored.length !== 32) {
      return cannotEvaluate(ctx, path, covered.rule, `a sha256 digest is stored in 32 bytes, this field holds ${kindOf(stored)}`);
    }
    const computed = checksum('sha256', covered.bytes);
    if (!sameBytes(stored, computed)) raise(ctx, rule.code, path, { algo: rule.algo, stored: hexOf(stored), computed: hexOf(computed), ...covered.where });
    return;
  }
  if (typeof stored !== 'number' && typeof stored !== 'bigint') {
    return cannotEvaluate(ctx, path, covered.rule, `a ${rule.algo} checksum is stored in an integer field, this field holds ${kindOf(stored)}`);
  }
  const computed = checksum(rule.algo, covered.bytes);
  // Every integer checksum has at most 32 bits: shown as a plain number, like the stored value.
  if (BigInt(stored) !== computed) raise(ctx, rule.code, path, { algo: rule.algo, stored, computed: Number(computed), ...covered.where });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const hexOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

function kindOf(v: unknown): string {
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  if (v === null) return 'nothing';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}
