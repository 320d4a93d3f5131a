import type { Decoded } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import type { ViewNode, ViewNodeKind } from './types.js';

/** What a node is made from; the builder adds id, parent, depth and children. */
export interface NodeInit {
  readonly name: string;
  readonly path: string;
  readonly kind: ViewNodeKind;
  readonly type?: string | undefined;
  readonly offset: number;
  readonly size: number;
  readonly value?: string | undefined;
  readonly meaning?: string | undefined;
  readonly partial?: boolean | undefined;
  readonly count?: number | undefined;
  readonly placedBy?: string | undefined;
  readonly innerOffset?: number | undefined;
  readonly doc?: string | undefined;
}

/**
 * The nodes being built, and the bound on them. The schema's top-level fields are owed a slot
 * each (`reserve`), so a huge array early in the file cannot starve the fields after it.
 */
export class TreeBuilder {
  readonly nodes: ViewNode[] = [];
  truncated = 0;
  /** Pointer path → the paths of the nodes it places. */
  readonly pointers = new Map<string, string[]>();

  constructor(
    readonly schema: FormatSchema,
    readonly bytes: Uint8Array,
    readonly decoded: Decoded,
    readonly maxNodes: number,
    private reserve: number,
  ) {}

  /** Whether a node at `depth` may still be kept. */
  canEmit(depth: number): boolean {
    return depth <= 1 || this.nodes.length + this.reserve < this.maxNodes;
  }

  /** Adds a node under `parent` and returns its id, or -1 (counted as truncated) past the bound. */
  emit(parent: number, depth: number, init: NodeInit): number {
    if (depth === 1 && this.reserve > 0) this.reserve--;
    else if (!this.canEmit(depth)) {
      this.truncated++;
      return -1;
    }
    const id = this.nodes.length;
    const node: ViewNode = { id, parent, depth, path: init.path, name: init.name, kind: init.kind, offset: init.offset, size: init.size, children: 0 };
    const extra = node as { -readonly [K in keyof ViewNode]: ViewNode[K] };
    if (init.type !== undefined) extra.type = init.type;
    if (init.value !== undefined) extra.value = init.value;
    if (init.meaning !== undefined) extra.meaning = init.meaning;
    if (init.partial) extra.partial = true;
    if (init.count !== undefined) extra.count = init.count;
    if (init.placedBy !== undefined) {
      extra.placedBy = init.placedBy;
      let targets = this.pointers.get(init.placedBy);
      if (!targets) this.pointers.set(init.placedBy, (targets = []));
      if (targets.length < 64) targets.push(init.path);
    }
    if (init.innerOffset !== undefined) extra.innerOffset = init.innerOffset;
    if (init.doc !== undefined) extra.doc = init.doc;
    this.nodes.push(node);
    if (parent >= 0) this.nodes[parent]!.children++;
    return id;
  }

  /** Counts the nodes of a value that will not be kept (its parent was cut). */
  skip(v: unknown): void {
    this.truncated += countNodes(v, 0);
  }
}

/** The nodes a decoded value would make: itself and everything below it. */
export function countNodes(v: unknown, depth: number): number {
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array || depth > 400) return 1;
  let n = 1;
  if (Array.isArray(v)) {
    for (const item of v) n += item !== null && typeof item === 'object' ? countNodes(item, depth + 1) : item === null ? 0 : 1;
    return n;
  }
  for (const key of Object.keys(v)) {
    const item = (v as Record<string, unknown>)[key];
    if (item !== null && item !== undefined) n += countNodes(item, depth + 1);
  }
  return n;
}

/** `instances[5]` / `instances[5].criteria` from a parent's path and a segment. */
export function childPath(parent: string, seg: string | number): string {
  if (typeof seg === 'number') return `${parent}[${seg}]`;
  return parent === '' ? seg : `${parent}.${seg}`;
}
