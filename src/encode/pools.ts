import type { FieldPath } from '../findings/index.js';
import { EvalError, evaluateRef, evaluateSize, type CompiledExpr, type FormatSchema, type Scope } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { holderOf, type Locations } from './locations.js';
import { walk } from './walk.js';

/** Where a view (e.g. a criterion's text) sits inside the bytes field it points into. */
export interface ViewPlace {
  readonly holder: object; readonly key: string;
  readonly regionHolder: object; readonly regionKey: string | number;
  readonly rel: number; readonly size: number;
}

interface PoolBuilder { parts: Uint8Array[]; size: number; seen: Map<string, number>; holder: Record<string, unknown>; id: string }

const utf8 = new TextEncoder();
const noLocate = (): undefined => undefined;

/**
 * Builds every `pool: true` field the value does not pin from the views that point into it,
 * in traversal order, each distinct string once (first occurrence wins); views into pinned
 * bytes are found by their `at` when it is known, else by searching for their bytes.
 */
export function assemblePools(schema: FormatSchema, root: Record<string, unknown>): ViewPlace[] {
  const builders = new Map<Uint8Array, PoolBuilder>();
  walk(schema, root, NaN, noLocate, (v) => {
    const { field: f, obj } = v;
    if (!f.pool || obj[f.id] !== undefined) return;
    if (f.type.kind !== 'bytes' || f.repeat) throw new EncodeError('a pool must be a single bytes field', v.path);
    const placeholder = new Uint8Array(0); // so that views can name the pool; one per pool, to tell them apart
    obj[f.id] = placeholder;
    builders.set(placeholder, { parts: [], size: 0, seen: new Map(), holder: obj, id: f.id });
  });
  const places: ViewPlace[] = [];
  walk(schema, root, NaN, noLocate, (v) => {
    const { field: f, obj, scope } = v;
    if (!f.view || obj[f.id] === undefined) return;
    if (f.repeat) throw new EncodeError('a repeated view is not supported by the encoder', v.path);
    const value = obj[f.id];
    const bytes = typeof value === 'string' ? utf8.encode(value) : (value as Uint8Array);
    let ref;
    try {
      ref = evaluateRef(f.view, scope);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      throw new EncodeError(`cannot find the region ${f.view.source}: ${e.message}`, v.path);
    }
    const region = ref.value;
    const regionHolder = ref.path && ref.path.length ? holderOf(root, ref.path) : undefined;
    if (!ref.path || !regionHolder || !(region instanceof Uint8Array)) throw new EncodeError(`${f.view.source} is not a bytes field`, v.path);
    const regionKey = ref.path[ref.path.length - 1]!;
    const pool = builders.get(region);
    const rel = pool ? intern(pool, bytes) : pinnedPosition(f.at, scope, region, bytes, v.path, f.view.source);
    places.push({ holder: obj, key: f.id, regionHolder, regionKey, rel, size: bytes.length });
  });
  for (const pool of builders.values()) {
    const out = new Uint8Array(pool.size);
    let at = 0;
    for (const part of pool.parts) { out.set(part, at); at += part.length; }
    pool.holder[pool.id] = out;
  }
  return places;
}

function intern(pool: PoolBuilder, bytes: Uint8Array): number {
  const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let rel = pool.seen.get(key);
  if (rel === undefined) {
    rel = pool.size;
    pool.seen.set(key, rel);
    pool.parts.push(bytes);
    pool.size += bytes.length;
  }
  return rel;
}

function pinnedPosition(at: CompiledExpr | undefined, scope: Scope, region: Uint8Array, bytes: Uint8Array, path: FieldPath, regionName: string): number {
  if (at) {
    try {
      return evaluateSize(at, scope);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
    }
  }
  const found = Buffer.from(region.buffer, region.byteOffset, region.byteLength).indexOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (found < 0) throw new EncodeError(`its bytes are not in the pinned ${regionName}, and its offset is not pinned`, path);
  return found;
}

/** Adds the views' absolute locations, once the regions they point into are placed. */
export function locateViews(places: readonly ViewPlace[], locations: Locations): void {
  for (const p of places) {
    const region = locations.get(p.regionHolder, p.regionKey);
    if (region) locations.set(p.holder, p.key, { offset: region.offset + p.rel, size: p.size });
  }
}
