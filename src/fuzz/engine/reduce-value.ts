import type { PathSegment } from '../../findings/index.js';

type Tree = Record<string, unknown> | unknown[];

export interface Reduced {
  readonly value: Record<string, unknown>;
  readonly calls: number;
}

/**
 * Structural reduction of a source value (derived fields left out, so the encoder
 * recomputes counts and offsets): delete array elements, last first (whole instances, types,
 * trailing criteria), then empty strings. What bytes cannot do: removing an instance from
 * the bytes leaves its index entry and count behind. Keeps a candidate only when `still`
 * holds; bounded by `budget` calls.
 */
export function reduceValue(value: Readonly<Record<string, unknown>>, still: (v: Record<string, unknown>) => boolean, budget: number): Reduced {
  let cur = structuredClone(value) as Record<string, unknown>;
  let calls = 0;
  const attempt = (edit: (root: Record<string, unknown>) => void): boolean => {
    if (calls >= budget) return false;
    calls++;
    const candidate = structuredClone(cur);
    edit(candidate);
    if (!still(candidate)) return false;
    cur = candidate;
    return true;
  };
  for (const path of arrays(cur)) {
    const len = (at(cur, path) as unknown[] | undefined)?.length ?? 0;
    for (let i = len - 1; i >= 0 && calls < budget; i--) attempt((root) => (at(root, path) as unknown[]).splice(i, 1));
  }
  for (const path of strings(cur)) {
    if (calls >= budget) break;
    attempt((root) => {
      const holder = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
      holder[path[path.length - 1]!] = '';
    });
  }
  return { value: cur, calls };
}

/** Paths of the arrays in the tree, outermost first (removing an instance beats trimming its criteria). */
function arrays(root: Tree): PathSegment[][] {
  const out: PathSegment[][] = [];
  const queue: { node: unknown; path: PathSegment[] }[] = [{ node: root, path: [] }];
  while (queue.length > 0) {
    const { node, path } = queue.shift()!;
    if (Array.isArray(node)) {
      if (node.length > 0) out.push(path);
      node.forEach((el, i) => queue.push({ node: el, path: [...path, i] }));
    } else if (isRecord(node)) {
      for (const k of Object.keys(node)) queue.push({ node: node[k], path: [...path, k] });
    }
  }
  return out;
}

function strings(root: Tree, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  const entries: [PathSegment, unknown][] = Array.isArray(root) ? root.map((v, i) => [i, v]) : Object.entries(root);
  for (const [k, v] of entries) {
    if (typeof v === 'string' && v !== '') out.push([...path, k]);
    else if (Array.isArray(v) || isRecord(v)) strings(v as Tree, [...path, k], out);
  }
  return out;
}

function at(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const seg of path) node = (node as Record<string | number, unknown> | undefined)?.[seg];
  return node;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
