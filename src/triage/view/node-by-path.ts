import type { FileView, ViewNode } from './types.js';

const BY_PATH = new WeakMap<FileView, Map<string, number>>();

/**
 * The node at a path as validate prints it (`instances[5].criteria[20]`); '' or `(file)` is the
 * root. Spaces around segments are ignored. Undefined when the file has no such node, or it was
 * cut by maxNodes.
 */
export function nodeByPath(view: FileView, path: string): ViewNode | undefined {
  let map = BY_PATH.get(view);
  if (!map) {
    map = new Map();
    for (const n of view.nodes) map.set(n.path, n.id);
    BY_PATH.set(view, map);
  }
  const id = map.get(normalisePathText(path));
  return id === undefined ? undefined : view.nodes[id];
}

/** `instances[5] . criteria [20]` → `instances[5].criteria[20]`; `(file)` → ''. */
export function normalisePathText(path: string): string {
  const p = path.replace(/\s+/g, '');
  return p === '(file)' || p === '$' ? '' : p.replace(/^\$?\./, '');
}
