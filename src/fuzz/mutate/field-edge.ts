import { formatPath } from '../../findings/index.js';
import type { EdgeHints } from '../generate/index.js';
import type { Rng } from '../_internals/rng.js';
import type { MutationContext } from './context.js';
import { regenerate } from './field-arrays.js';
import type { Node } from './nodes.js';
import { cloneValue } from './slots.js';

/**
 * Struct elements just past what a deployed consumer supplies: for an array of n elements and a
 * count c that some consumer supplies (an input count), with c < n ≤ c + 2, the elements c..n-1.
 * A file that declares one field more than the consumer supplies (July 2024) has exactly such an
 * element; while it is a wildcard nothing happens, so it is the first place to make a change.
 */
export function edgeElements(elements: readonly Node[], hints: EdgeHints): readonly Node[] {
  let byElements = EDGES.get(hints);
  if (byElements === undefined) EDGES.set(hints, (byElements = new WeakMap()));
  let edges = byElements.get(elements);
  if (edges === undefined) byElements.set(elements, (edges = findEdges(elements, hints)));
  return edges;
}

/** Edge elements per node list (a parent's nodes are cached, and it is mutated many times). */
const EDGES = new WeakMap<EdgeHints, WeakMap<readonly Node[], readonly Node[]>>();

function findEdges(elements: readonly Node[], hints: EdgeHints): readonly Node[] {
  const counts = suppliedCounts(hints);
  if (counts.length === 0) return [];
  const out: Node[] = [];
  for (const node of elements) {
    const n = (node.holder as unknown[]).length;
    const i = node.key as number;
    if (counts.some((c) => c < n && n <= c + 2 && i >= c)) out.push(node);
  }
  return out;
}

/**
 * Makes an edge element a real one: freshly generated, or a copy of a fuller element before it
 * (`preferCopy`: whenever there is one, as real content would).
 */
export function armEdge(node: Node, rng: Rng, ctx: MutationContext, preferCopy = false): string {
  const arr = node.holder as unknown[];
  const i = node.key as number;
  const fuller = i > 0 && (preferCopy || rng.chance(0.5)) ? fullerSiblings(arr, i) : [];
  if (fuller.length > 0) {
    const j = rng.pick(fuller);
    arr[i] = cloneValue(arr[j]);
    return `${formatPath(node.path)}=copy[${j}]`;
  }
  return regenerate(node, rng, ctx);
}

/**
 * Elements before `i` with more fields than element `i`: the element past the edge is usually a
 * wildcard (a case with no payload), and copying another wildcard over it would change nothing.
 */
function fullerSiblings(arr: readonly unknown[], i: number): number[] {
  const width = (v: unknown): number => (typeof v === 'object' && v !== null ? Object.keys(v).length : 0);
  const own = width(arr[i]);
  const out: number[] = [];
  for (let j = 0; j < i; j++) if (width(arr[j]) > own) out.push(j);
  return out;
}

const COUNTS = new WeakMap<EdgeHints, readonly number[]>();

function suppliedCounts(hints: EdgeHints): readonly number[] {
  let counts = COUNTS.get(hints);
  if (counts === undefined) {
    counts = [...new Set([...(hints.keyed?.values() ?? [])].flatMap((k) => k.counts))].filter((c) => c > 0);
    COUNTS.set(hints, counts);
  }
  return counts;
}
