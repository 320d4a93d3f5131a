import { formatCount } from '../../report/format.js';
import { nodeByPath, normalisePathText, type FileView, type ViewNode } from '../view/index.js';
import { InspectError } from './inspect-error.js';

/** The node at `path`, or an InspectError that says how far the path does lead. */
export function selectPath(view: FileView, path: string): ViewNode {
  const node = nodeByPath(view, path);
  if (node) return node;
  const wanted = normalisePathText(path);
  let prefix = wanted;
  let found: ViewNode | undefined;
  while (prefix !== '' && !found) {
    // Each step must shorten the path: `types[-1]` or `a.` once matched nothing and looped forever.
    const shorter = prefix.replace(/(\[[^\]]*\]|\.?[^.[\]]+)$/, '');
    prefix = shorter.length < prefix.length ? shorter : '';
    found = nodeByPath(view, prefix);
  }
  const shown = JSON.stringify(path.length > 120 ? `${path.slice(0, 120)}…` : path);
  const cut = view.truncatedNodes > 0 ? ` (or it is beyond the ${formatCount(view.nodes.length)} nodes kept)` : '';
  if (!found || found.depth === 0) {
    const top = view.nodes.filter((n) => n.depth === 1).map((n) => n.name).slice(0, 12);
    return fail(`--path ${shown}: this file has no such node${cut}; its top-level fields are ${top.join(', ') || 'none'}`);
  }
  const what = found.kind === 'array'
    ? `${found.path} has ${formatCount(found.count ?? found.children)} element(s)`
    : `${found.path} has ${childNames(view, found)}`;
  return fail(`--path ${shown}: this file has no such node${cut}; ${what}`);
}

function childNames(view: FileView, node: ViewNode): string {
  const names: string[] = [];
  for (let c = node.id + 1; c < view.nodes.length && view.nodes[c]!.depth > node.depth && names.length < 12; c++) {
    if (view.nodes[c]!.parent === node.id) names.push(view.nodes[c]!.name);
  }
  return names.length ? `the fields ${names.join(', ')}` : 'no fields';
}

function fail(message: string): never {
  throw new InspectError(message);
}
