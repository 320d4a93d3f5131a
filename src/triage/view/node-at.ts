import type { FileView, ViewNode } from './types.js';

/**
 * A byte → node index: the file cut at every node boundary into elementary spans, each holding
 * the innermost node that covers it (the smallest; then the deepest; then the last). Built once
 * per view by a sweep with a heap (O(n log n)); each query is a binary search.
 */
interface ByteIndex {
  readonly starts: Float64Array;
  readonly innermost: Int32Array;
}

const INDEXES = new WeakMap<FileView, ByteIndex>();

/**
 * The chain root → innermost node for the byte at `offset`: the innermost node whose own bytes
 * hold it, with its ancestors in the tree. A string that a record places in a pool is reached
 * through that record (`instances[5].criteria[20].text`), not through the pool it sits in; nodes
 * read from decompressed bytes are not indexed (the compressed field answers). Empty outside the file.
 */
export function nodeAt(view: FileView, offset: number): ViewNode[] {
  if (!Number.isInteger(offset) || offset < 0 || offset >= view.size || view.nodes.length === 0) return [];
  let index = INDEXES.get(view);
  if (!index) INDEXES.set(view, (index = buildIndex(view.nodes)));
  const k = upperBound(index.starts, offset) - 1;
  const id = k >= 0 ? index.innermost[k]! : -1;
  const chain: ViewNode[] = [];
  for (let n = id >= 0 ? view.nodes[id] : view.nodes[0]; n; n = n.parent >= 0 ? view.nodes[n.parent] : undefined) chain.push(n);
  return chain.reverse();
}

/** Every node whose own bytes hold `offset`, outermost first (a linear scan: for one question, not many). */
export function nodesContaining(view: FileView, offset: number): ViewNode[] {
  return view.nodes
    .filter((n) => indexed(n) && n.offset <= offset && offset < n.offset + n.size)
    .sort((a, b) => b.size - a.size || a.depth - b.depth);
}

const indexed = (n: ViewNode): boolean => n.size > 0 && !n.scattered && n.innerOffset === undefined;

function buildIndex(nodes: readonly ViewNode[]): ByteIndex {
  const entries = nodes.filter(indexed).sort((a, b) => a.offset - b.offset);
  const bounds = new Float64Array(entries.length * 2);
  entries.forEach((n, i) => {
    bounds[2 * i] = n.offset;
    bounds[2 * i + 1] = n.offset + n.size;
  });
  bounds.sort();
  let m = 0;
  for (let i = 0; i < bounds.length; i++) if (i === 0 || bounds[i] !== bounds[m - 1]) bounds[m++] = bounds[i]!;
  const starts = bounds.slice(0, m);
  const innermost = new Int32Array(m).fill(-1);
  const heap = new NodeHeap();
  let next = 0;
  for (let k = 0; k < m; k++) {
    const x = starts[k]!;
    while (next < entries.length && entries[next]!.offset <= x) heap.push(entries[next++]!);
    while (heap.size > 0 && heap.top().offset + heap.top().size <= x) heap.pop();
    innermost[k] = heap.size > 0 ? heap.top().id : -1;
  }
  return { starts, innermost };
}

/** The first index whose value is greater than `x`. */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Smallest size first; then the deepest; then the latest. Ended nodes are removed lazily. */
class NodeHeap {
  private readonly items: ViewNode[] = [];
  get size(): number {
    return this.items.length;
  }
  top(): ViewNode {
    return this.items[0]!;
  }
  push(n: ViewNode): void {
    const a = this.items;
    a.push(n);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < a.length && before(a[l]!, a[best]!)) best = l;
      if (r < a.length && before(a[r]!, a[best]!)) best = r;
      if (best === i) return;
      [a[i], a[best]] = [a[best]!, a[i]!];
      i = best;
    }
  }
}

const before = (a: ViewNode, b: ViewNode): boolean =>
  a.size !== b.size ? a.size < b.size : a.depth !== b.depth ? a.depth > b.depth : a.id > b.id;
