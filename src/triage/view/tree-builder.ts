import type { FieldPath } from '../../findings/index.js';
import type { Decoded } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import type { ViewNode, ViewNodeKind } from './types.js';
import { ViewNodeRecord } from './view-node.js';

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
  /** Arrays whose elements are placed one by one: the elements' byte ranges, kept or not (for the regions). */
  readonly elementSpans = new Map<number, (readonly [number, number])[]>();
  /** Pointer path → the pointer's segments and the paths of the nodes it places. */
  readonly pointers = new Map<string, { readonly segs: FieldPath; readonly targets: string[] }>();
  /** One copy of each short text nodes repeat (`[12]`, `33`, `u1`, `not a field_kind value`). */
  private readonly texts = new Interner();

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
    const node = new ViewNodeRecord(id, parent, depth, init, this.texts);
    // A location the decoder recorded before it found the bytes missing (an array's declared size) ends at the file's end.
    if (node.offset > this.bytes.length) node.offset = this.bytes.length;
    if (node.offset + node.size > this.bytes.length) node.size = this.bytes.length - node.offset;
    this.nodes.push(node);
    if (parent >= 0) this.nodes[parent]!.children++;
    return id;
  }

  /** `pointer` (its path as text and as segments) placed the node at `target`. */
  notePointer(text: string, segs: FieldPath, target: string): void {
    let entry = this.pointers.get(text);
    if (!entry) this.pointers.set(text, (entry = { segs, targets: [] }));
    if (entry.targets.length < 64) entry.targets.push(target);
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
  // join makes one flat string; `${parent}[${seg}]` made a rope of three 32-byte pieces over the
  // parent's, 106 bytes a kept path where the flat one takes 51 (~4 MB on a 1 MiB file's view).
  if (typeof seg === 'number') return [parent, '[', seg, ']'].join('');
  return parent === '' ? seg : [parent, '.', seg].join('');
}

/**
 * Shares short texts between nodes: a file read as 200,000 small integers repeated the same
 * element names, values and enum notes as fresh strings, about a third of the view's memory.
 */
class Interner {
  private readonly seen = new Map<string, string>();

  of<T extends string | undefined>(text: T): T {
    if (text === undefined || text.length > 48) return text;
    const kept = this.seen.get(text);
    if (kept !== undefined) return kept as T;
    if (this.seen.size < 65_536) this.seen.set(text, text);
    return text;
  }
}
