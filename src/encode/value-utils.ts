import type { FieldPath } from '../findings/index.js';
import { isMap } from './normalize.js';

/** Patches larger than this are not offered as an `$edit`: the source would be mostly hex. */
const MAX_EDIT_BYTES = 64 * 1024;

export function clone(v: unknown): unknown {
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map(clone);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

export function getAt(root: unknown, path: FieldPath): unknown {
  let v = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isMap(v) && typeof seg === 'string') v = v[seg];
    else return undefined;
  }
  return v;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Deep equality in the decoder's conventions (a number equals the same bigint). */
export function sameValue(a: unknown, b: unknown): boolean {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return Number.isInteger(Number(a)) && Number.isInteger(Number(b)) && BigInt(a) === BigInt(b);
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && sameBytes(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

/** The `$edit` that turns `got` into `want`, or undefined when it would be large. */
export function byteEdits(got: Uint8Array, want: Uint8Array): Record<string, unknown> | undefined {
  const common = Math.min(got.length, want.length);
  const patch: Array<{ offset: number; hex: string }> = [];
  let total = 0;
  for (let i = 0; i < common; i++) {
    if (got[i] === want[i]) continue;
    let j = i;
    // A run ends after 8 equal bytes in a row.
    for (let same = 0; j < common && same < 8; j++) same = got[j] === want[j] ? same + 1 : 0;
    while (j > i && got[j - 1] === want[j - 1]) j--;
    patch.push({ offset: i, hex: hex(want.subarray(i, j)) });
    total += j - i;
    i = j;
  }
  total += Math.max(0, want.length - got.length);
  if (total > MAX_EDIT_BYTES) return undefined;
  const edit: Record<string, unknown> = {};
  if (patch.length) edit.patch = patch;
  if (want.length < got.length) edit.truncate = want.length;
  if (want.length > got.length) edit.append_hex = hex(want.subarray(got.length));
  return edit;
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
