import type { FieldPath } from '../findings/index.js';
import { EvalError, evaluateRef, type CompiledExpr, type Ref } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { fastSize } from './fast-expr.js';
import { holderOf, setLoc, type Locations } from './locations.js';
import { resetScopes, type Frame, type Tree, type Visit } from './tree.js';

/** Where a view (e.g. a criterion's text) sits inside the bytes field it points into. */
export interface ViewPlace {
  /** The view: a field of a frame. */
  readonly frame: Frame; readonly pos: number;
  /** The path of the bytes field it points into. */
  readonly region: FieldPath;
  readonly rel: number; readonly size: number;
}

/** Parts are bytes, or ASCII text (whose UTF-8 and Latin-1 are its characters: no encoding needed to key or size it). */
interface PoolBuilder { parts: Array<Uint8Array | string>; size: number; seen: Map<string, number>; holder: Record<string, unknown>; id: string }

const utf8 = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;
const own = Object.prototype.hasOwnProperty;

/**
 * Builds every `pool: true` field the value does not pin from the views that point into it,
 * in traversal order, each distinct string once (first occurrence wins); views into pinned
 * bytes are found by their `at` when it is known, else by searching for their bytes.
 */
export function assemblePools(tree: Tree): ViewPlace[] {
  const builders = new Map<Uint8Array, PoolBuilder>();
  for (const v of tree.pools) {
    const { f: { def }, frame: { obj } } = v;
    if (obj[def.id] !== undefined) continue;
    if (def.type.kind !== 'bytes' || def.repeat) throw new EncodeError('a pool must be a single bytes field', v.path);
    const placeholder = new Uint8Array(0); // so that views can name the pool; one per pool, to tell them apart
    obj[def.id] = placeholder;
    builders.set(placeholder, { parts: [], size: 0, seen: new Map(), holder: obj, id: def.id });
  }
  const places: ViewPlace[] = [];
  resetScopes(tree);
  for (const v of tree.views) {
    const { f: { def }, frame } = v;
    const value = frame.obj[def.id];
    if (value === undefined) continue;
    if (def.repeat) throw new EncodeError('a repeated view is not supported by the encoder', v.path);
    const part = typeof value === 'string' ? (ASCII.test(value) ? value : utf8.encode(value)) : (value as Uint8Array);
    const ref = regionOf(tree, v);
    const region = ref.value;
    const regionHolder = ref.path && ref.path.length ? holderOf(tree.value, ref.path) : undefined;
    if (!ref.path || !regionHolder || !(region instanceof Uint8Array)) throw new EncodeError(`${def.view!.source} is not a bytes field`, v.path);
    const pool = builders.get(region);
    const rel = pool ? intern(pool, part) : pinnedPosition(tree, v, def.at, region, part, def.view!.source);
    places.push({ frame, pos: v.pos, region: ref.path, rel, size: part.length });
  }
  for (const pool of builders.values()) {
    const out = new Uint8Array(pool.size);
    let at = 0;
    for (const part of pool.parts) {
      if (typeof part === 'string') for (let i = 0; i < part.length; i++) out[at + i] = part.charCodeAt(i); // ASCII
      else out.set(part, at);
      at += part.length;
    }
    pool.holder[pool.id] = out;
  }
  return places;
}

/** evaluateRef of the view's region; `_root.x` (a pool) is answered without a scope. */
function regionOf(tree: Tree, v: Visit): Ref {
  const root = v.f.viewRoot;
  if (root && own.call(tree.value, root[0])) return { value: tree.value[root[0]], path: root };
  const view = v.f.def.view!;
  try {
    return evaluateRef(view, v.frame.scope);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new EncodeError(`cannot find the region ${view.source}: ${e.message}`, v.path);
  }
}

const bytesOf = (part: Uint8Array | string): Uint8Array => (typeof part === 'string' ? utf8.encode(part) : part);

function intern(pool: PoolBuilder, part: Uint8Array | string): number {
  // Bytes are keyed by their Latin-1 reading; ASCII text is already its own.
  const key = typeof part === 'string' ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('latin1');
  let rel = pool.seen.get(key);
  if (rel === undefined) {
    rel = pool.size;
    pool.seen.set(key, rel);
    pool.parts.push(part);
    pool.size += part.length;
  }
  return rel;
}

function pinnedPosition(tree: Tree, v: Visit, at: CompiledExpr | undefined, region: Uint8Array, part: Uint8Array | string, regionName: string): number {
  if (at) {
    try {
      return fastSize(at, v.frame, tree.env);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
  }
  const bytes = bytesOf(part); // only now: a pinned offset (the usual case) needs no bytes
  const found = Buffer.from(region.buffer, region.byteOffset, region.byteLength).indexOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (found < 0) throw new EncodeError(`its bytes are not in the pinned ${regionName}, and its offset is not pinned`, v.path);
  return found;
}

/** Adds the views' absolute locations, once the regions they point into are placed. */
export function locateViews(places: readonly ViewPlace[], locations: Locations): void {
  for (const p of places) {
    const region = locations.locate(p.region);
    if (region) setLoc(p.frame.locs, p.pos, region.offset + p.rel, p.size);
  }
}
