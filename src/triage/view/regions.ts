import type { Region, ViewNode } from './types.js';

/** Most pieces one top-level field is split into (elements placed far apart); past it, their hull. */
const MAX_PIECES = 4096;

/**
 * The hex dump's colours: one region per top-level field of the schema, sorted, never overlapping
 * (where a hostile file makes two fields share bytes, the earlier region keeps them). An array of
 * records placed by pointers is coloured where its records are, not across the gaps between them.
 */
export function buildRegions(nodes: readonly ViewNode[], elementSpans: ReadonlyMap<number, readonly (readonly [number, number])[]> = new Map()): Region[] {
  const slots = new Map<string, number>();
  const pieces: Region[] = [];
  const children = childrenOfTopLevel(nodes);
  for (const node of nodes) {
    if (node.depth !== 1) continue;
    let index = slots.get(node.name);
    if (index === undefined) slots.set(node.name, (index = slots.size));
    const spans = node.scattered ? merge(elementSpans.get(node.id) ?? spansOf(children.get(node.id) ?? [])) : [[node.offset, node.offset + node.size] as const];
    const capped = spans.length > MAX_PIECES ? [[node.offset, node.offset + node.size] as const] : spans;
    for (const [lo, hi] of capped) if (hi > lo) pieces.push({ name: node.name, offset: lo, size: hi - lo, index });
  }
  pieces.sort((a, b) => a.offset - b.offset || b.size - a.size);
  const out: Region[] = [];
  let cursor = 0;
  for (const p of pieces) {
    const start = Math.max(p.offset, cursor);
    const end = p.offset + p.size;
    if (end <= start) continue;
    out.push({ name: p.name, offset: start, size: end - start, index: p.index });
    cursor = end;
  }
  return out;
}

function childrenOfTopLevel(nodes: readonly ViewNode[]): Map<number, ViewNode[]> {
  const out = new Map<number, ViewNode[]>();
  for (const n of nodes) {
    if (n.depth !== 2) continue;
    let list = out.get(n.parent);
    if (!list) out.set(n.parent, (list = []));
    list.push(n);
  }
  return out;
}

const spansOf = (children: readonly ViewNode[]): [number, number][] =>
  children.filter((c) => c.size > 0 && c.innerOffset === undefined).map((c) => [c.offset, c.offset + c.size]);

/** Byte ranges sorted and joined where they touch. */
function merge(input: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const spans = [...input];
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}
