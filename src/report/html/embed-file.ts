import { safeText } from '../../findings/safe-text.js';
import type { HtmlFile, ReportView } from './model.js';
import { partValue } from './model.js';
import { encodeColumn } from './varint-column.js';

/** Bytes beyond this are not embedded (the page says so): a report must stay a file one can mail. */
export const MAX_EMBEDDED_BYTES = 16 * 1024 * 1024;
/** Longest value or meaning kept whole in the page; longer ones are cut and their length stated. */
const MAX_VALUE_CHARS = 240;

/**
 * One file's bytes and field tree as the page's script reads them, compactly: the bytes as
 * base64; the nodes as columns of varints (parent and offset as deltas from the node before, in
 * preorder) pointing into a table that holds every text once. Paths are not stored: the page
 * joins each node's name to its parent's path, and only the nodes where that would be wrong carry
 * their own segment. A 1 MiB CCF file (~250,000 nodes) makes about 5 MB.
 */
export function embedFile(file: HtmlFile): EmbeddedFile {
  const shown = file.bytes.subarray(0, MAX_EMBEDDED_BYTES);
  const view = partValue(file.view);
  const strings = new StringTable();
  return {
    name: safeText(file.name, 300),
    size: file.bytes.length,
    embedded: shown.length,
    bytes: Buffer.from(shown.buffer, shown.byteOffset, shown.byteLength).toString('base64'),
    marks: file.report.findings.filter((f) => f.offset >= 0).slice(0, 10_000).map((f) => [f.offset, f.severity === 'error' ? 1 : 0]),
    ...(view !== undefined ? { tree: embedTree(view, strings) } : {}),
    strings: strings.list,
  };
}

export interface EmbeddedFile {
  readonly name: string;
  readonly size: number;
  readonly embedded: number;
  readonly bytes: string;
  /** [offset, 1 for an error | 0 for a warning] per finding with an offset. */
  readonly marks: readonly (readonly number[])[];
  readonly tree?: EmbeddedTree;
  readonly strings: readonly string[];
}

export interface EmbeddedTree {
  readonly count: number;
  /** Varint columns (varint-column.ts). parent: its index minus its parent's (1 for the root). */
  readonly parent: string;
  /** Its offset minus the previous node's (signed; the root's is its offset). */
  readonly offset: string;
  readonly size: string;
  /** String-table indexes (0: none): the name; `kind type` (split at the first space); value; meaning. */
  readonly name: string;
  readonly type: string;
  readonly value: string;
  readonly meaning: string;
  /**
   * [node, string index] for each node whose path is not its parent's path and then `.name` (or
   * `name` under the root, or `[i]` for an element named `[i]`): the part of the path after the
   * parent's, or WHOLE_PATH and the whole path when it does not continue the parent's.
   */
  readonly segments: readonly (readonly number[])[];
  /** Nodes the decoder read only part of. */
  readonly partial: readonly number[];
  /** [offset, size, colour slot, name index] per region. */
  readonly regions: readonly (readonly number[])[];
  readonly truncatedNodes: number;
  readonly stopped?: { readonly path: string; readonly offset: number; readonly reason: string };
}

/** A segment that does not continue the parent's path starts with this: the node's whole path follows. */
export const WHOLE_PATH = '\u0001';

function embedTree(view: ReportView, strings: StringTable): EmbeddedTree {
  const n = view.nodes.length;
  const cols = { parent: new Array<number>(n), offset: new Array<number>(n), size: new Array<number>(n), name: new Array<number>(n), type: new Array<number>(n), value: new Array<number>(n), meaning: new Array<number>(n) };
  const segments: number[][] = [];
  const partial: number[] = [];
  let lastOffset = 0;
  for (let i = 0; i < n; i++) {
    const node = view.nodes[i]!;
    const parentPath = node.parent >= 0 ? view.nodes[node.parent]?.path : undefined;
    cols.parent[i] = i - node.parent;
    cols.offset[i] = node.offset - lastOffset;
    lastOffset = node.offset;
    cols.size[i] = node.size;
    cols.name[i] = strings.id(safeText(node.name, 120));
    cols.type[i] = strings.id(node.type !== undefined ? `${node.kind} ${safeText(node.type, 120)}` : node.kind);
    cols.value[i] = node.value !== undefined ? strings.id(safeText(node.value, MAX_VALUE_CHARS)) : 0;
    cols.meaning[i] = node.meaning !== undefined ? strings.id(safeText(node.meaning, MAX_VALUE_CHARS)) : 0;
    const segment = parentPath !== undefined && node.path.startsWith(parentPath) ? node.path.slice(parentPath.length) : WHOLE_PATH + node.path;
    if (parentPath === undefined || segment !== usualSegment(parentPath, node.name)) segments.push([i, strings.id(segment)]);
    if (node.partial === true) partial.push(i);
  }
  return {
    count: n,
    parent: encodeColumn(cols.parent),
    offset: encodeColumn(cols.offset, true),
    size: encodeColumn(cols.size),
    name: encodeColumn(cols.name),
    type: encodeColumn(cols.type),
    value: encodeColumn(cols.value),
    meaning: encodeColumn(cols.meaning),
    segments,
    partial,
    regions: view.regions.map((r) => [r.offset, r.size, r.index, strings.id(safeText(r.name, 120))]),
    truncatedNodes: view.truncatedNodes,
    ...(view.stopped !== undefined ? { stopped: { path: view.stopped.path, offset: view.stopped.offset, reason: safeText(view.stopped.reason, 400) } } : {}),
  };
}

/** The page's script derives a path segment the same way when none is stored (client/file-data.ts). */
function usualSegment(parentPath: string, name: string): string {
  if (name.startsWith('[')) return name;
  return parentPath === '' ? name : `.${name}`;
}

/** Every distinct text once; index 0 is the empty string, meaning "none". */
class StringTable {
  readonly list: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}
