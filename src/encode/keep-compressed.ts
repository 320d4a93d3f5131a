import { deflateBytes } from '../codec/deflate.js';
import { inflateBounded } from '../codec/inflate.js';
import type { FormatSchema, Locate } from '../schema/index.js';
import { COMPRESSED_KEY, isMap } from './normalize.js';
import { sameBytes } from './value-utils.js';
import { walk, type FieldVisit } from './walk.js';

/**
 * Adds `$compressed` to the decoded value: for each processed field whose bytes in the file are
 * not what compressing its decompressed bytes with node:zlib's defaults gives (another zlib
 * level or version, trailing bytes), the original bytes, beside the field in its struct. pack
 * writes them back as long as they still decompress to the value (process.ts).
 */
export function keepCompressed(schema: FormatSchema, value: Record<string, unknown>, bytes: Uint8Array, locate: Locate): void {
  const visit = (v: FieldVisit): void => {
    const { field: f, obj } = v;
    if (!f.process) return;
    const held = obj[f.id];
    if (held === null || held === undefined) return;
    const original = (path: readonly (string | number)[]): Uint8Array | undefined => {
      const at = locate([...path]);
      if (!at) return undefined;
      const raw = bytes.subarray(at.offset, at.offset + at.size);
      const inner = inflateBounded(raw, f.process!.algo, f.process!.limit);
      if (!inner.bytes || sameBytes(deflateBytes(inner.bytes, f.process!.algo), raw)) return undefined;
      return raw.slice();
    };
    let kept: unknown;
    if (f.repeat && Array.isArray(held)) {
      const list = held.map((_el, i) => original([...v.path, i]) ?? null);
      if (list.some((x) => x !== null)) kept = list;
    } else kept = original(v.path);
    if (kept === undefined) return;
    const prior = obj[COMPRESSED_KEY];
    const into = isMap(prior) ? prior : (obj[COMPRESSED_KEY] = {}) as Record<string, unknown>;
    into[f.id] = kept;
  };
  walk(schema, value, bytes.length, locate, visit, visit);
}
