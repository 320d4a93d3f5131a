import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * How many nodes aliases may add to a document once expanded. Reusing an anchor is ordinary YAML
 * (a source that repeats one criterion 59 times adds a few hundred nodes); an alias bomb, ten levels
 * of ten aliases each, adds ten billion. The yaml package's own `maxAliasCount` counts aliases, not
 * their size, so it refuses the first and we replace it by this bound on what they expand to.
 */
export const MAX_ALIAS_EXPANSION = 200_000;

export interface YamlProblem {
  /** The node at fault, for its line and column. */
  readonly node: Node | null;
  /** Its key path (`['types', 'header', 'seq', 3]`), when known. */
  readonly path?: ReadonlyArray<string | number>;
  readonly reason: string;
}

/** A node seen in document order, with a link to its parent: the key path is built only for an error. */
interface Visited { readonly node: Node; readonly parent: Visited | null; readonly key: string | number | null }

/**
 * Checks, in one linear pass over a parsed document, what the yaml package checks in quadratic
 * time or not at all: duplicate keys (its `uniqueKeys` compares each key with every earlier one,
 * 58 s for 60,000 template ids) and the size aliases expand to. Parse with `uniqueKeys: false`,
 * call this, then `toJS({ maxAliasCount: -1 })`. Iterative: nesting depth cannot overflow the stack.
 */
export function checkYamlDocument(doc: Document, maxExpansion = MAX_ALIAS_EXPANSION): YamlProblem | null {
  const root = doc.contents as Node | null;
  if (!root) return null;
  const targets = new Map<Node, Node | undefined>();
  const aliasAt = new Map<Node, Visited>();
  const problem = resolveInOrder(root, targets, aliasAt);
  if (problem) return problem;
  if (targets.size === 0) return null; // no alias: nothing expands
  const bomb = checkExpansion(root, targets, maxExpansion);
  const at = bomb?.node ? aliasAt.get(bomb.node) : undefined;
  return bomb && at ? { ...bomb, path: keyPathOf(at) } : bomb;
}

/** Pass 1, in document order: duplicate keys, and the anchor each alias names (the last one before it). */
function resolveInOrder(root: Node, targets: Map<Node, Node | undefined>, aliasAt: Map<Node, Visited>): YamlProblem | null {
  const anchors = new Map<string, Node>();
  const stack: Visited[] = [{ node: root, parent: null, key: null }];
  while (stack.length) {
    const v = stack.pop()!;
    const { node } = v;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      // The yaml package throws a ReferenceError for this only when the document is converted.
      if (target === undefined) return { node, path: keyPathOf(v), reason: `the alias *${node.source.slice(0, 60)} names no anchor (&${node.source.slice(0, 60)}) before it` };
      targets.set(node, target);
      aliasAt.set(node, v);
      continue;
    }
    const kids = childrenOf(node);
    if (!Array.isArray(kids)) {
      return { ...kids, path: [...keyPathOf(v), ...(kids.path ?? [])] };
    }
    const keys = keysOf(node, kids.length);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: v, key: keys[i] ?? null });
  }
  return null;
}

/** The key (or index) each child of `node` sits under, in childrenOf's order. */
function keysOf(node: Node, count: number): Array<string | number | null> {
  if (isSeq(node)) {
    const out: Array<string | number | null> = [];
    node.items.forEach((n, i) => { if (n !== null && typeof n === 'object') out.push(i); });
    return out;
  }
  if (!isMap(node)) return new Array<null>(count).fill(null);
  const out: Array<string | number | null> = [];
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    if (key && typeof key === 'object' && !isScalar(key)) out.push(null);
    if (pair.value && typeof pair.value === 'object') out.push(isScalar(key) ? String(key.value) : null);
  }
  return out;
}

function keyPathOf(v: Visited): Array<string | number> {
  const parts: Array<string | number> = [];
  for (let at: Visited | null = v; at; at = at.parent) if (at.key !== null) parts.push(at.key);
  return parts.reverse();
}

/** Pass 2, post-order with a memo per node: how many nodes the aliases add once expanded. */
function checkExpansion(root: Node, targets: ReadonlyMap<Node, Node | undefined>, maxExpansion: number): YamlProblem | null {
  const expanded = new Map<Node, number>();
  const onStack = new Set<Node>();
  const stack: Array<{ node: Node; kids: Node[] | undefined }> = [{ node: root, kids: undefined }];
  let added = 0;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.kids === undefined) {
      if (expanded.has(top.node)) { stack.pop(); continue; }
      const target = isAlias(top.node) ? targets.get(top.node) : undefined;
      const kids = isAlias(top.node) ? (target ? [target] : []) : (childrenOf(top.node) as Node[]);
      top.kids = kids;
      onStack.add(top.node);
      for (const k of kids) {
        if (onStack.has(k)) return { node: top.node, reason: 'an alias refers to a node that contains it' };
        if (!expanded.has(k)) stack.push({ node: k, kids: undefined });
      }
      continue;
    }
    stack.pop();
    onStack.delete(top.node);
    let size = isAlias(top.node) ? 0 : 1;
    for (const k of top.kids) size += expanded.get(k) ?? 0;
    if (isAlias(top.node)) added += size;
    expanded.set(top.node, Math.min(size, Number.MAX_SAFE_INTEGER / 4));
    if (added > maxExpansion) {
      return { node: top.node, reason: `aliases expand to more than ${maxExpansion.toLocaleString('en-US')} nodes (an alias bomb?): reuse anchors less, or write the values out` };
    }
  }
  return null;
}

/** The nodes under a map or a list, or a duplicate-key problem. */
function childrenOf(node: Node): Node[] | YamlProblem {
  if (isSeq(node)) return node.items.filter((n) => n !== null && typeof n === 'object') as Node[];
  if (isMap(node)) {
    const out: Node[] = [];
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isScalar(key)) {
        const name = String(key.value);
        if (seen.has(name)) return { node: key, path: [name.length > 60 ? `${name.slice(0, 57)}…` : name], reason: `duplicate key ${clipKey(name)} (keys must be unique)` };
        seen.add(name);
      } else if (key && typeof key === 'object') out.push(key);
      if (pair.value && typeof pair.value === 'object') out.push(pair.value as Node);
    }
    return out;
  }
  return [];
}

function clipKey(k: string): string {
  return k.length > 60 ? `${JSON.stringify(k.slice(0, 57))}… (${k.length} chars)` : JSON.stringify(k);
}

/** The first line of a yaml package error, in words a person can act on (its parser recurses on nesting). */
export function yamlErrorText(message: string): string {
  const first = message.split('\n')[0] ?? '';
  if (/Maximum call stack size exceeded/.test(first)) return 'the YAML nests too deeply';
  return first.length > 120 ? `${first.slice(0, 117)}...` : first;
}
