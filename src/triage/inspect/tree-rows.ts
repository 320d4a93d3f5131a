import type { FileView, ViewNode } from '../view/index.js';

/** Arrays up to this many elements are shown whole; longer ones show their first ARRAY_HEAD. */
const ARRAY_SHOW_ALL = 64;
const ARRAY_HEAD = 16;

/** A line of the tree: a node, or a note of what was left out below `depth`. */
export type TreeRow =
  | { readonly node: ViewNode }
  | { readonly elided: number; readonly depth: number; readonly of: 'elements' | 'nodes' };

/**
 * The tree lines shown under `top`, bounded: long arrays show their first elements, and past
 * `maxNodes` lines nothing more is listed; nodes in `forced` (where the findings are, where
 * reading stopped, and their ancestors) are always shown. Each cut is counted in a row.
 */
export function treeRows(view: FileView, top: ViewNode, forced: ReadonlySet<number>, maxNodes: number): TreeRow[] {
  const rows: TreeRow[] = [];
  const visible = new Set<number>([top.id]);
  const seenChildren = new Map<number, number>();
  const open: { node: ViewNode; shown: number; capped: number }[] = [];
  let shown = 0;
  let overLimit = 0;
  const capped = new Set<number>();
  const closeTo = (depth: number) => {
    while (open.length > 0 && open[open.length - 1]!.node.depth >= depth) {
      const a = open.pop()!;
      // Elements decoded but not kept by the view count too: the array says how many it has.
      const hidden = Math.max(a.node.count ?? a.node.children, a.node.children) - a.shown - a.capped;
      if (hidden > 0) rows.push({ elided: hidden, depth: a.node.depth + 1, of: 'elements' });
    }
  };
  const openOf = (id: number) => open.find((a) => a.node.id === id);
  rows.push({ node: top });
  if (top.kind === 'array') open.push({ node: top, shown: 0, capped: 0 });
  for (let id = top.id + 1; id < view.nodes.length; id++) {
    const n = view.nodes[id]!;
    if (n.depth <= top.depth) break;
    closeTo(n.depth);
    const parent = view.nodes[n.parent]!;
    const index = seenChildren.get(parent.id) ?? 0;
    seenChildren.set(parent.id, index + 1);
    if (!visible.has(parent.id)) {
      // Below a node the bound left out: counted with it.
      if (capped.has(parent.id)) {
        capped.add(id);
        overLimit++;
      }
      continue;
    }
    const isForced = forced.has(id);
    const headOfArray = parent.kind !== 'array' || parent.children <= ARRAY_SHOW_ALL || index < ARRAY_HEAD;
    if (!isForced && (!headOfArray || (maxNodes > 0 && shown >= maxNodes))) {
      if (headOfArray) {
        capped.add(id);
        overLimit++;
        if (parent.kind === 'array') openOf(parent.id)!.capped++;
      }
      continue;
    }
    visible.add(id);
    rows.push({ node: n });
    if (parent.kind === 'array') openOf(parent.id)!.shown++;
    shown++;
    if (n.kind === 'array') open.push({ node: n, shown: 0, capped: 0 });
  }
  closeTo(top.depth);
  if (overLimit > 0) rows.push({ elided: overLimit, depth: top.depth, of: 'nodes' });
  return rows;
}
