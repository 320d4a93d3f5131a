import type { ViewNode } from './types.js';

/**
 * Settles a container's extent once its children are known. One with no location of its own (an
 * array whose elements are each placed by a pointer) takes the hull of its children and is marked
 * `scattered`; a partial one (reading stopped inside it) grows to cover what it did read.
 */
export function fitToChildren(nodes: ViewNode[], id: number, noOwnLocation: boolean): void {
  const node = nodes[id]!;
  if (!noOwnLocation && !node.partial) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = id + 1; c < nodes.length; c++) {
    const child = nodes[c]!;
    if (child.parent !== id || child.innerOffset !== undefined || child.size === 0) continue;
    // Read in sequence inside this node: a child placed elsewhere (a string in a pool) is not part of it.
    if (!noOwnLocation && (child.placedBy !== undefined || child.offset < node.offset)) continue;
    lo = Math.min(lo, child.offset);
    hi = Math.max(hi, child.offset + child.size);
  }
  if (lo === Infinity) return;
  if (noOwnLocation) {
    node.offset = lo;
    node.size = hi - lo;
    node.scattered = true;
  } else {
    node.size = Math.max(node.size, hi - node.offset);
  }
}
