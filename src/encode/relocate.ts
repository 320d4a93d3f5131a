import type { Frame } from './tree.js';

/** Fewer levels than this are ever written (the decoder's nesting limit is lower). */
const MAX_DEPTH = 1024;

/**
 * Locates every node of a processed struct at the processed field's bytes in the file (the
 * decoder's convention: offsets are in the file, and a node inside compressed data has no
 * offset of its own), and marks its frames as inside a processed stream.
 */
export function relocate(frame: Frame, offset: number, size: number, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  (frame.ext ??= {}).processed = true;
  const set = (pairs: number[] | undefined): void => {
    if (!pairs) return;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === undefined) continue;
      pairs[i] = offset;
      pairs[i + 1] = size;
    }
  };
  set(frame.locs);
  for (const e of frame.elems ?? []) set(e);
  for (const kid of frame.kids ?? []) {
    if (Array.isArray(kid)) for (const k of kid) { if (k) relocate(k, offset, size, depth + 1); }
    else if (kid) relocate(kid, offset, size, depth + 1);
  }
}
