/**
 * The field tree of one file, as every triage view (inspect, report, diff) sees it: nodes in
 * preorder with their bytes, what they mean, and the coloured regions of the hex dump. Built from
 * the schema and the diagnostic decoder only, so it holds no knowledge of any one format.
 */

export type ViewNodeKind = 'struct' | 'array' | 'int' | 'str' | 'bytes' | 'float' | 'bits' | 'switch' | 'bool' | 'value';

export interface ViewNode {
  /** Its index in `FileView.nodes`. */
  readonly id: number;
  /** The parent's id; -1 for the root. */
  readonly parent: number;
  readonly depth: number;
  /** `instances[5].criteria[20]`; '' for the root. */
  readonly path: string;
  /** The field name, `[5]` for an element, the root type's name for the root. */
  readonly name: string;
  readonly kind: ViewNodeKind;
  /** The schema type: a struct's name, a switch's chosen case, `u4`, `b3`, `str`, `bytes`. */
  readonly type?: string;
  /** File offset of its first byte (a node read from decompressed bytes: the compressed field's). */
  offset: number;
  /** Bytes it covers in the file (a partial node: those it read before reading stopped). */
  size: number;
  /** What is literally there: a number, a short hex preview of bytes. */
  readonly value?: string;
  /** What it means: an enum's name, a decoded string, `→ instances[3]` for a pointer, `placed by index[3]`. */
  meaning?: string;
  /** Reading stopped inside it: its size is what was read, not what it should have been. */
  readonly partial?: boolean;
  /** Children kept in `nodes` (an array's cut elements are counted in `truncatedNodes`). */
  children: number;
  /** Arrays: the number of elements decoded (kept or not). */
  readonly count?: number;
  /** Placed by a pointer (`at`): the pointer's path, e.g. `index[3]` or `instances[5].criteria[20].str_off`. */
  readonly placedBy?: string;
  /** A pointer or offset field: the paths of the nodes it places. */
  pointsTo?: string[];
  /** An array whose elements are placed one by one (`at`): offset and size are their hull, not one extent. */
  scattered?: boolean;
  /** Read from decompressed bytes: its offset inside them (offset and size are then the compressed field's). */
  readonly innerOffset?: number;
  /** The schema's `doc` of its field. */
  readonly doc?: string;
}

/** A coloured span of the hex dump: the bytes of one of the schema's top-level fields. */
export interface Region {
  /** The top-level field's name (`header`, `instances`, `pool`). */
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  /** Colour slot: the field's position among the top-level fields (pieces of one field share it). */
  readonly index: number;
}

export interface FileView {
  /** The schema's format name. */
  readonly format: string;
  /** The file's length in bytes. */
  readonly size: number;
  /** The decoder read the whole layout (no truncation, no offset outside the file, no budget cut). */
  readonly complete: boolean;
  /** Where reading stopped and why (the decoder's first finding that cut the decode), when incomplete. */
  readonly stopped?: { readonly path: string; readonly offset: number; readonly reason: string; readonly code: string };
  /** Preorder; nodes[0] is the root. */
  readonly nodes: ViewNode[];
  /** Sorted by offset, never overlapping. */
  readonly regions: Region[];
  /** Nodes not kept because of maxNodes (elements of long arrays and everything below them). */
  readonly truncatedNodes: number;
}

export interface BuildViewOptions {
  /** The most nodes kept (default defaultMaxNodes(the file's size)); the schema's top-level fields are always kept. */
  readonly maxNodes?: number;
}

/**
 * Nodes a view keeps by default: 16,000 plus one per 16 bytes of the file, at most 100,000. A node
 * costs about 190 bytes, so the tree stays within a few MB for small files and at most ~19 MB for
 * any (the memory bound is 64 MB + 2x the file, with validate's run beside the view). A fixed
 * 200,000 (inspect) and 400,000 (report) made 250 KB of random bytes read as CCF peak at 198 and
 * 266 MB RSS. Past the bound the tree says it is truncated and how many fields it left out.
 */
export function defaultMaxNodes(fileSize: number): number {
  return Math.min(MAX_VIEW_NODES, 16_000 + Math.floor(fileSize / 16));
}

/** The most nodes a default view keeps, whatever the file's size. */
export const MAX_VIEW_NODES = 100_000;
