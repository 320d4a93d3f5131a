import type { FieldPath } from '../findings/index.js';
import type { Locate, Location } from '../schema/index.js';

/**
 * Where each written node sits, keyed by the object (struct or array) that holds it and its
 * key there, not by a rendered path: a large file has hundreds of thousands of nodes.
 */
export class Locations {
  private readonly byHolder = new WeakMap<object, Map<string | number, Location>>();
  size = 0;

  set(holder: object, key: string | number, loc: Location): void {
    let m = this.byHolder.get(holder);
    if (!m) this.byHolder.set(holder, (m = new Map()));
    m.set(key, loc);
  }

  get(holder: object, key: string | number): Location | undefined {
    return this.byHolder.get(holder)?.get(key);
  }

  /** offsetof/sizeof/end for expressions: follows the path through the value to the holder. */
  locate(root: Record<string, unknown>): Locate {
    return (path: FieldPath) => {
      if (path.length === 0) return { offset: 0, size: this.size };
      const holder = holderOf(root, path);
      return holder ? this.get(holder, path[path.length - 1]!) : undefined;
    };
  }
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

/** The path of `parent[key]`, built on demand. */
export class ChildPath {
  constructor(readonly parent: FieldPath, readonly key: string | number) {}
  get path(): FieldPath {
    return [...this.parent, this.key];
  }
}
