import { nodeAt, nodesContaining, type FileView, type ViewNode } from '../view/index.js';
import type { ByteInfo } from './types.js';

/**
 * Which field, record and element the byte at `offset` belongs to (the caller checked it is
 * inside the file): the chain root → innermost, the other nodes that hold it, and for a byte no
 * field covers, the fields on either side.
 */
export function byteInfo(view: FileView, bytes: Uint8Array, offset: number): ByteInfo {
  const chain = nodeAt(view, offset);
  const innermost = chain.length > 1 ? chain[chain.length - 1] : undefined;
  const field = innermost && innermost.offset <= offset && offset < innermost.offset + innermost.size ? innermost : undefined;
  const inChain = new Set(chain.map((n) => n.id));
  const alsoIn = nodesContaining(view, offset).filter((n) => !inChain.has(n.id) && n.depth > 0);
  const record = chain.find((n) => n.depth > 0 && (n.kind === 'struct' || n.kind === 'switch'));
  let element: ViewNode | undefined;
  for (const n of chain) if (n.parent >= 0 && view.nodes[n.parent]!.kind === 'array') element = n;
  return {
    offset, byte: bytes[offset]!, chain, alsoIn,
    ...(field ? { field } : {}),
    ...(record ? { record } : {}),
    ...(element ? { element } : {}),
    ...(field ? {} : { between: neighbours(view, offset) }),
  };
}

/** The leaves ending nearest before and starting nearest after a byte that no field covers. */
function neighbours(view: FileView, offset: number): { before?: ViewNode; after?: ViewNode } {
  let before: ViewNode | undefined;
  let after: ViewNode | undefined;
  for (const n of view.nodes) {
    if (n.children > 0 || n.size === 0 || n.innerOffset !== undefined) continue;
    const end = n.offset + n.size;
    if (end <= offset && (!before || end > before.offset + before.size)) before = n;
    if (n.offset > offset && (!after || n.offset < after.offset)) after = n;
  }
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
