import type { FieldPath } from '../../findings/index.js';
import { childScope, rootScope, type FormatSchema, type Scope } from '../../schema/index.js';
import { collectNodes, type Node, type Nodes } from './nodes.js';
import { cloneValue, isRecord } from './slots.js';

/**
 * The nodes of a value that nothing changes in place (a corpus input's value, a mutant's value):
 * a parent is mutated many times, and walking it is a third of a field-level mutation's cost.
 */
const NODES = new WeakMap<object, Nodes>();

export function nodesOf(schema: FormatSchema, root: Readonly<Record<string, unknown>>): Nodes {
  let nodes = NODES.get(root);
  if (nodes === undefined) {
    nodes = collectNodes(schema, root as Record<string, unknown>, false);
    NODES.set(root, nodes);
  }
  return nodes;
}

/**
 * Copy-on-write: a new root that shares everything with `root` except the objects on the way to
 * `node`'s holder (copied shallowly) and the holder itself (copied deeply, since a mutation may
 * also fill in the structs inside it), with the node pointed into the copy. So a mutant costs a
 * copy of one path, not of the whole file, and its parent stays as it was.
 */
export function rebase(root: Readonly<Record<string, unknown>>, node: Node): { root: Record<string, unknown>; node: Node } {
  const holderPath = typeof node.key === 'number' ? node.path.slice(0, -1) : node.slot.at;
  if (holderPath.length === 0) {
    const copy = cloneValue(root) as Record<string, unknown>;
    return { root: copy, node: { ...node, holder: copy, slot: { ...node.slot, holder: copy, scope: rescope(node.slot.scope, copy) } } };
  }
  const copy: Record<string, unknown> = { ...root };
  let at: Record<string, unknown> | unknown[] = copy;
  let record: Record<string, unknown> = copy;
  for (let i = 0; i < holderPath.length; i++) {
    const seg = holderPath[i]!;
    const child = (at as Record<string | number, unknown>)[seg];
    const last = i === holderPath.length - 1;
    const next = last ? cloneValue(child) : Array.isArray(child) ? child.slice() : { ...(child as Record<string, unknown>) };
    (at as Record<string | number, unknown>)[seg] = next;
    at = next as Record<string, unknown> | unknown[];
    if (isRecord(at) && pathEquals(holderPath, node.slot.at, i + 1)) record = at;
  }
  return { root: copy, node: { ...node, holder: at, slot: { ...node.slot, holder: record, scope: rescope(node.slot.scope, record) } } };
}

/** The same scope over `object` (a copy of the struct it was over). */
function rescope(s: Scope, object: Record<string, unknown>): Scope {
  return s.parent === null ? rootScope(object, s.ioSize, s.locate, s.lets) : childScope(s.parent, object, s.path, s.index, s.lets);
}

function pathEquals(a: FieldPath, b: FieldPath, n: number): boolean {
  if (b.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
