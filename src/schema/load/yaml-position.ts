import { isCollection, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line and column of the deepest node that exists along `path` (the key's node when it is a map key). */
export function positionOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): Position {
  let node: unknown = doc.contents;
  let best: Node | null = (doc.contents as Node | null) ?? null;
  for (const seg of path) {
    if (!isCollection(node)) break;
    const next = node.get(seg, true) as unknown;
    if (next === undefined) break;
    node = next;
    if (typeof next === 'object' && next !== null && 'range' in next) best = next as Node;
  }
  const offset = best?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** `['types','header','seq',3,'valid']` → `types.header.seq[3].valid`. */
export function keyPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
