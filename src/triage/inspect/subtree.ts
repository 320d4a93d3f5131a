import type { FileView, ViewNode } from '../view/index.js';
import type { Span } from './hex-rows.js';

/**
 * The bytes of a subtree: the spans of its nodes, joined where they touch. A record's string in
 * a pool is part of it, the gaps between records an array places by pointers are not.
 */
export function subtreeSpans(view: FileView, top: ViewNode): Span[] {
  const spans: [number, number][] = [];
  const add = (n: ViewNode) => {
    if (n.size > 0 && n.innerOffset === undefined && !n.scattered) spans.push([n.offset, n.offset + n.size]);
  };
  add(top);
  for (let id = top.id + 1; id < view.nodes.length && view.nodes[id]!.depth > top.depth; id++) {
    const n = view.nodes[id]!;
    if (n.placedBy !== undefined || n.children === 0) add(n); // leaves and placed records: containers are covered by them
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}
