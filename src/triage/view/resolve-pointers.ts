import type { PathSegment } from '../../findings/index.js';
import type { TreeBuilder } from './tree-builder.js';
import type { ViewNode } from './types.js';

/**
 * A pointer field says what it places: `→ instances[3]`. Each pointer is found by walking down
 * the tree from the root along its segments (children looked up by name, each parent's children
 * listed once), rather than by hashing every node's path.
 */
export function resolvePointers(b: TreeBuilder): void {
  if (b.pointers.size === 0) return;
  const childMaps = new Map<number, Map<string, number>>();
  for (const { segs, targets } of b.pointers.values()) {
    const node = find(b.nodes, childMaps, segs);
    if (!node) continue; // cut by maxNodes
    node.pointsTo = targets;
    const shown = targets.length > 3 ? `${targets.slice(0, 3).join(', ')} and more` : targets.join(', ');
    node.meaning = node.meaning === undefined ? `→ ${shown}` : `${node.meaning} → ${shown}`;
  }
}

function find(nodes: ViewNode[], childMaps: Map<number, Map<string, number>>, segs: readonly PathSegment[]): ViewNode | undefined {
  let id = 0;
  for (const seg of segs) {
    let map = childMaps.get(id);
    if (!map) childMaps.set(id, (map = childrenByName(nodes, id)));
    const next = map.get(typeof seg === 'number' ? `[${seg}]` : seg);
    if (next === undefined) return undefined;
    id = next;
  }
  return nodes[id];
}

/** The children of a node: the nodes after it, up to the end of its subtree, whose parent it is. */
function childrenByName(nodes: ViewNode[], id: number): Map<string, number> {
  const map = new Map<string, number>();
  const depth = nodes[id]!.depth;
  for (let c = id + 1; c < nodes.length && nodes[c]!.depth > depth; c++) if (nodes[c]!.parent === id) map.set(nodes[c]!.name, c);
  return map;
}
