import type { FieldPath } from '../../findings/index.js';
import type { Locate, Location } from '../../schema/index.js';
import { LocIndex, type Obj } from './locate-index.js';
import type { StructPlan } from './plan.js';
import { pointerOf } from './pointers.js';
import { Replay } from './replay.js';
import type { ViewRecords } from './views.js';

export interface Locations {
  readonly locate: Locate;
  /** For a record placed by a pointer, the pointer's path (instances[3] ← index[3]), like the interpreter's. */
  readonly pointerOf: (path: FieldPath) => FieldPath | undefined;
}

/**
 * `locate` for a fast decode. The index is built on the first call only (many callers never
 * ask); each call then walks the path, replaying only the structs on it. Answers follow the
 * interpreter's placement rules (decode-struct.ts): structs, fields, array elements, inline
 * arrays as a whole (placed arrays and inline switches are not nodes), views.
 */
export function lazyLocations(plan: StructPlan, value: Obj, size: number, tape: readonly number[], views: ViewRecords): Locations {
  let index: LocIndex | undefined;
  const ix = () => (index ??= new LocIndex(tape, views, plan, value));
  const locate: Locate = (path) => (path.length === 0 ? { offset: 0, size } : find(ix(), value, path));
  return { locate, pointerOf: (path) => pointerOf(ix(), value, size, locate, path) };
}

function find(ix: LocIndex, root: Obj, path: FieldPath): Location | undefined {
  let k = ix.record(root);
  let i = 0;
  while (k !== undefined) {
    const seg = path[i++];
    if (typeof seg !== 'string') return undefined;
    const hit = new Replay(ix, seg).struct(k);
    if (!hit.field) return undefined;
    if (i === path.length) return hit.location;
    const f = hit.field;
    let child = hit.holder![f.id];
    if (f.repeat) {
      const j = path[i++];
      const items = child as unknown[];
      if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j >= items.length) return undefined;
      if (f.kind !== 'struct' && f.kind !== 'switch') return i === path.length ? hit.element(f, j) : undefined;
      child = items[j];
    } else if (f.kind !== 'struct' && !(f.kind === 'switch' && !f.inline)) {
      return undefined;
    }
    k = ix.record(child);
    if (k !== undefined && i === path.length) return { offset: ix.start[k]!, size: ix.end[k]! - ix.start[k]! };
  }
  return undefined;
}
