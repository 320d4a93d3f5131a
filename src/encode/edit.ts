import type { FieldPath } from '../findings/index.js';
import { EncodeError } from './encode-error.js';
import { describe, toInt } from './int.js';
import { EDIT_KEY, fromHex, isMap } from './normalize.js';

/** A byte-level edit applied after encoding, to build deliberately broken files. */
export type Edit =
  | { readonly kind: 'truncate'; readonly length: number; readonly path: FieldPath }
  | { readonly kind: 'patch'; readonly offset: number; readonly bytes: Uint8Array; readonly path: FieldPath }
  | { readonly kind: 'append'; readonly bytes: Uint8Array; readonly path: FieldPath };

/**
 * `$edit` is a map (edits applied in the order its keys are written) or a list of such maps:
 * `{truncate: N}`, `{patch: [{offset: N, hex: "..."}]}`, `{append_hex: "..."}`.
 */
export function parseEdits(raw: unknown): Edit[] {
  if (raw === undefined || raw === null) return [];
  const maps = Array.isArray(raw) ? raw.map((m: unknown, i) => [m, [EDIT_KEY, i]] as const) : [[raw, [EDIT_KEY]] as const];
  const edits: Edit[] = [];
  for (const [m, base] of maps) {
    if (!isMap(m)) throw new EncodeError(`expected a map of edits (truncate, patch, append_hex), got ${describe(m)}`, base);
    for (const [key, v] of Object.entries(m)) {
      const path = [...base, key];
      if (key === 'truncate') edits.push({ kind: 'truncate', length: Number(toInt(v, 'u4', path)), path });
      else if (key === 'append_hex') edits.push({ kind: 'append', bytes: hex(v, path), path });
      else if (key === 'patch') {
        if (!Array.isArray(v)) throw new EncodeError(`expected a list of {offset, hex}, got ${describe(v)}`, path);
        v.forEach((p: unknown, i) => {
          const pp = [...path, i];
          if (!isMap(p)) throw new EncodeError(`expected {offset: N, hex: "..."}, got ${describe(p)}`, pp);
          const extra = Object.keys(p).find((k) => k !== 'offset' && k !== 'hex');
          if (extra !== undefined) throw new EncodeError(`unknown key "${extra}" in a patch (use offset and hex)`, [...pp, extra]);
          edits.push({ kind: 'patch', offset: Number(toInt(p.offset, 'u4', [...pp, 'offset'])), bytes: hex(p.hex, [...pp, 'hex']), path: pp });
        });
      } else throw new EncodeError(`unknown edit "${key}" (use truncate, patch or append_hex)`, path);
    }
  }
  return edits;
}

function hex(v: unknown, path: FieldPath): Uint8Array {
  if (typeof v !== 'string') throw new EncodeError(`expected a string of hex digits, got ${describe(v)}`, path);
  return fromHex(v, path);
}

export function applyEdits(bytes: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let out = bytes;
  for (const e of edits) {
    if (e.kind === 'truncate') {
      if (e.length > out.length) throw new EncodeError(`cannot truncate to ${e.length} bytes: the file has only ${out.length}`, e.path);
      out = out.slice(0, e.length);
    } else if (e.kind === 'patch') {
      if (e.offset + e.bytes.length > out.length) {
        throw new EncodeError(`patch of ${e.bytes.length} bytes at ${e.offset} goes past the end of the file (${out.length} bytes)`, e.path);
      }
      out = out.slice();
      out.set(e.bytes, e.offset);
    } else {
      const grown = new Uint8Array(out.length + e.bytes.length);
      grown.set(out);
      grown.set(e.bytes, out.length);
      out = grown;
    }
  }
  return out;
}
