import type { FieldPath } from '../findings/index.js';
import type { Locate, Location } from '../schema/index.js';
import type { Frame } from './tree.js';

/**
 * Where each written node sits. Stored on the frames of the value, as pairs of numbers per
 * field position (Frame.locs) and per element (Frame.elems), rather than in maps keyed by
 * objects or rendered paths: a large file has hundreds of thousands of nodes.
 */
export class Locations {
  size = 0;

  constructor(private readonly root: Frame) {}

  /** offsetof/sizeof/end for expressions: follows the path down the frames. */
  readonly locate: Locate = (path: FieldPath): Location | undefined => {
    if (path.length === 0) return { offset: 0, size: this.size };
    let frame = this.root;
    let i = 0;
    for (;;) {
      const seg = path[i++];
      const pos = typeof seg === 'string' ? frame.flat.posOf.get(seg) : undefined;
      if (pos === undefined) return undefined;
      if (i === path.length) return getLoc(frame.locs, pos);
      const kid = frame.kids?.[pos];
      if (!frame.flat.fields[pos]!.def.repeat) {
        if (kid === undefined || Array.isArray(kid)) return undefined; // an int, bytes or str has no parts
        frame = kid;
        continue;
      }
      const index = path[i++];
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
      if (i === path.length) {
        const elems = frame.elems?.[pos];
        return elems && index < elems.length / 2 ? getLoc(elems, index) : undefined;
      }
      const el = Array.isArray(kid) ? kid[index] : undefined;
      if (!el) return undefined;
      frame = el;
    }
  };
}

/** Records slot `i` of a pairs array (see Frame.locs). */
export function setLoc(pairs: number[], i: number, offset: number, size: number): void {
  pairs[2 * i] = offset;
  pairs[2 * i + 1] = size;
}

export function getLoc(pairs: readonly number[], i: number): Location | undefined {
  const offset = pairs[2 * i];
  return offset === undefined ? undefined : { offset, size: pairs[2 * i + 1]! };
}

/** The object or array that holds the node at `path` (all but its last segment). */
export function holderOf(root: Record<string, unknown>, path: FieldPath): object | undefined {
  let v: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[path[i]!];
  }
  return typeof v === 'object' && v !== null ? v : undefined;
}

/** A path built only when it is needed (for a message): a path, a thunk, or anything with a `path`. */
export type LazyPath = FieldPath | (() => FieldPath) | { readonly path: FieldPath };

export function pathOf(p: LazyPath): FieldPath {
  if (typeof p === 'function') return p();
  return 'path' in p ? p.path : p;
}

/** The path of `parent[key]`, built on demand (the parent may itself be lazy). */
export class ChildPath {
  constructor(readonly parent: LazyPath, readonly key: string | number) {}
  get path(): FieldPath {
    return [...pathOf(this.parent), this.key];
  }
}
