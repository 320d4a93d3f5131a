import { deflateBytes } from '../codec/deflate.js';
import { inflateBounded } from '../codec/inflate.js';
import { EncodeError } from './encode-error.js';
import { isMap, toBytes } from './normalize.js';
import { pathTo } from './holes.js';
import type { FieldPlan } from './plan.js';
import type { Frame } from './tree.js';
import { sameBytes } from './value-utils.js';

/**
 * The bytes a processed field writes for its decompressed bytes `inner`. zlib's output for
 * given data depends on its level, strategy and version, so a file compressed elsewhere is not
 * reproduced by compressing again: its source keeps the original compressed bytes in
 * `$compressed` (beside the field, in its struct), and they are written as long as they still
 * decompress to `inner`. Once the value changes they no longer do, and `inner` is compressed
 * with node:zlib's defaults (docs/pack-sources.md).
 */
export function compressFor(frame: Frame, f: FieldPlan, index: number | undefined, inner: Uint8Array): Uint8Array {
  const p = f.def.process!;
  const given = originalOf(frame, f, index);
  if (given) {
    // Bounded by what it must give back: one byte more already differs.
    const back = inflateBounded(given, p.algo, inner.length);
    if (back.bytes && sameBytes(back.bytes, inner)) return given;
  }
  return deflateBytes(inner, p.algo);
}

function originalOf(frame: Frame, f: FieldPlan, index: number | undefined): Uint8Array | undefined {
  const all = frame.ext?.compressed;
  if (!all || !Object.prototype.hasOwnProperty.call(all, f.id)) return undefined;
  let v = all[f.id];
  if (index !== undefined) v = Array.isArray(v) ? v[index] : undefined;
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof Uint8Array) && !isMap(v) && typeof v !== 'string' && !Array.isArray(v)) {
    throw new EncodeError('expected the compressed bytes as {hex: "..."}', pathTo(frame, f, index));
  }
  return toBytes(v, ['$compressed', f.id, ...(index === undefined ? [] : [index])]);
}
