import type { FieldPath } from '../../findings/index.js';
import { childScope, elementScope, evaluateRef, rootScope, type Locate, type Scope } from '../../schema/index.js';
import type { LocIndex, Obj } from './locate-index.js';
import { Replay } from './replay.js';

/**
 * The interpreter's pointerOf: the field path an `at` expression read its offset from
 * (instances[3] ← index[3]). Asked rarely (for findings about placed records), so it walks
 * down the path building real scopes (with paths) and evaluates the `at` again; on a clean
 * decode it sees the same values the parse did.
 */
export function pointerOf(ix: LocIndex, root: Obj, size: number, locate: Locate, path: FieldPath): FieldPath | undefined {
  let k = ix.record(root);
  let scope: Scope = rootScope(root, size, locate, ix.plans[k!]!.lets);
  let i = 0;
  while (k !== undefined && i < path.length) {
    const seg = path[i++];
    if (typeof seg !== 'string') return undefined;
    const f = new Replay(ix, seg).struct(k).field;
    const holder = scope.object;
    if (!f) return undefined;
    let child = holder[f.id];
    let index: number | undefined;
    if (f.repeat) {
      const j = path[i++];
      const items = child as unknown[];
      if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j >= items.length) return undefined;
      child = items[j];
      index = j;
    }
    if (f.placed && f.kind !== 'view' && i === path.length) {
      try {
        return evaluateRef(f.def.at!, index === undefined ? scope : elementScope(scope, index)).path ?? undefined;
      } catch {
        return undefined;
      }
    }
    if (f.kind !== 'struct' && !(f.kind === 'switch' && !f.inline)) return undefined;
    k = ix.record(child);
    if (k === undefined) return undefined;
    scope = childScope(scope, child as Obj, path.slice(0, i), index, ix.plans[k]!.lets);
  }
  return undefined;
}
