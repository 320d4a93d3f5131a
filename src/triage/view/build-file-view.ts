import { decode, type Decoded } from '../../parse/index.js';
import { rootScope, type FormatSchema } from '../../schema/index.js';
import { buildRegions } from './regions.js';
import { resolvePointers } from './resolve-pointers.js';
import { stoppedAt } from './stopped-at.js';
import { TreeBuilder } from './tree-builder.js';
import { defaultMaxNodes, type BuildViewOptions, type FileView } from './types.js';
import { walkStruct } from './walk-schema.js';

/**
 * The field tree of a file: the diagnostic decoder's value walked with the schema's types, so
 * each node has its path, bytes, value and meaning (enum names, decoded text, what a pointer
 * places and which pointer placed a record). A truncated or corrupt file gives every node that
 * could be read, and `stopped`. Never throws on any bytes: should the walk itself fail, the view
 * keeps what it built and says so in `stopped`.
 */
export function buildFileView(schema: FormatSchema, bytes: Uint8Array, options: BuildViewOptions = {}): FileView {
  let decoded: Decoded;
  try {
    decoded = decode(schema, bytes);
  } catch (e) {
    return failed(schema, bytes, `the decoder failed: ${(e as Error)?.message ?? String(e)}`);
  }
  const view = viewOfDecoded(schema, bytes, decoded, options);
  // The nodes hold texts and numbers only: nothing of the decode is needed past this point.
  decoded.release?.();
  return view;
}

/**
 * The view of a decode the caller made (`decode(schema, bytes)`, its default budget and no sink,
 * as buildFileView's own) and still owns: the report decodes each file once for its tree, explain's
 * chains and the diff. Never throws, as buildFileView.
 */
export function viewOfDecoded(schema: FormatSchema, bytes: Uint8Array, decoded: Decoded, options: BuildViewOptions = {}): FileView {
  const maxNodes = Math.max(1, Math.floor(options.maxNodes ?? defaultMaxNodes(bytes.length)));
  const root = schema.types.get(schema.root)!;
  const b = new TreeBuilder(schema, bytes, decoded, maxNodes, root.fields.length);
  const rootId = b.emit(-1, 0, { name: root.name, path: '', kind: 'struct', type: root.name, offset: 0, size: bytes.length, doc: root.doc });
  let stopped = stoppedAt(schema, decoded);
  try {
    const io = { bytes, start: 0, end: bytes.length, pos: bytes.length };
    const scope = rootScope(decoded.value, bytes.length, decoded.locate, root.lets, io);
    walkStruct(b, root, decoded.value, scope, { id: rootId, depth: 0, segs: [], path: '' });
  } catch (e) {
    // A walk over a value the decoder produced should not fail; if it does, what was built stands.
    stopped ??= { path: '', offset: 0, reason: `the view stopped: ${(e as Error)?.message ?? String(e)}`, code: 'VIEW_ERROR' };
  }
  resolvePointers(b);
  return {
    format: schema.format, size: bytes.length, complete: decoded.complete && stopped === undefined,
    ...(stopped ? { stopped } : {}),
    nodes: b.nodes, regions: buildRegions(b.nodes, b.elementSpans), truncatedNodes: b.truncated,
  };
}

function failed(schema: FormatSchema, bytes: Uint8Array, reason: string): FileView {
  const root = schema.types.get(schema.root);
  return {
    format: schema.format, size: bytes.length, complete: false, stopped: { path: '', offset: 0, reason, code: 'VIEW_ERROR' },
    nodes: [{ id: 0, parent: -1, depth: 0, path: '', name: root?.name ?? schema.root, kind: 'struct', offset: 0, size: bytes.length, children: 0 }],
    regions: [], truncatedNodes: 0,
  };
}

