import { describeLeaf } from './describe-value.js';
import { childPath, type TreeBuilder } from './tree-builder.js';
import type { At } from './walk-schema.js';

/**
 * A decoded value the schema walk could not type (a switch whose tag no longer evaluates, nesting
 * past the walk's depth): shown as it is, each node at the location the decoder recorded.
 */
export function walkValue(b: TreeBuilder, v: unknown, seg: string | number, parent: At): void {
  if (v === undefined) return;
  const path = childPath(parent.path, seg);
  parent.segs.push(seg);
  try {
    const loc = b.decoded.locate(parent.segs);
    const depth = parent.depth + 1;
    const base = { name: typeof seg === 'number' ? `[${seg}]` : seg, path, offset: loc?.offset ?? 0, size: loc?.size ?? 0, partial: loc?.partial };
    if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
      const isArray = Array.isArray(v);
      const id = b.emit(parent.id, depth, { ...base, kind: isArray ? 'array' : 'struct', count: isArray ? v.length : undefined });
      if (id < 0) {
        b.skip(v);
        b.truncated--;
        return;
      }
      // Past the depth a hostile nesting could reach, children are counted, not walked.
      if (depth > 600) {
        b.skip(v);
        b.truncated--;
        return;
      }
      const at = { id, depth, segs: parent.segs, path };
      if (isArray) for (let i = 0; i < v.length; i++) walkValue(b, v[i], i, at);
      else for (const key of Object.keys(v)) walkValue(b, (v as Record<string, unknown>)[key], key, at);
      return;
    }
    if (v === null) return;
    const raw = loc ? b.bytes.subarray(loc.offset, loc.offset + loc.size) : undefined;
    const kind = typeof v === 'string' ? 'str' : v instanceof Uint8Array ? 'bytes' : typeof v === 'boolean' ? 'bool' : 'int';
    b.emit(parent.id, depth, { ...base, kind, ...describeLeaf(b.schema, undefined, v, raw) });
  } finally {
    parent.segs.pop();
  }
}
