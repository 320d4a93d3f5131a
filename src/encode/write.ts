import { formatPath, type FieldPath } from '../findings/index.js';
import type { Pending } from './derive.js';
import { EncodeError } from './encode-error.js';
import { Locations, pathOf, setLoc } from './locations.js';
import { isMap } from './normalize.js';
import type { FieldPlan } from './plan.js';
import type { Frame, Tree } from './tree.js';

/** An integer still absent when the layout was written: zeros for now, its value patched in later. */
interface Hole { readonly frame: Frame; readonly f: FieldPlan; readonly index: number | undefined; readonly at: number }

/** The layout, not yet copied out of the writer's buffer: its holes are filled in place first. */
export interface Written { readonly buf: Uint8Array; readonly view: DataView; readonly len: number; readonly locations: Locations; readonly holes: readonly Hole[] }
/** Work placed with `at`: run after the sequential part of its enclosing placement. */
type Job = (deferred: Job[]) => void;

const MISSING = 'missing (and the schema has no derive for it)';
const utf8 = new TextEncoder();

/**
 * Lays the value out: fields without `at` in sequence, fields with `at` appended after all
 * that was written so far, in declaration order. Absent integers are written as zeros (their
 * size is all that matters for the layout) and remembered, for `fillHoles`.
 */
export function writeLayout(tree: Tree, why: readonly Pending[]): Written {
  const root = tree.env.root;
  const w = new Writer(why);
  w.placement((d) => w.fields(root, d));
  const locations = new Locations(root);
  locations.size = w.len;
  return { buf: w.buf, view: w.view, len: w.len, locations, holes: w.holes };
}

/**
 * Writes the integers derived from the layout into their holes, and returns the file; any other
 * integer still absent (but a checksum, written last) is an error. This replaces writing the file
 * a second time: only integers can still be absent, so the layout cannot change.
 */
export function fillHoles({ buf, view, len, holes }: Written, why: readonly Pending[]): Uint8Array {
  for (const { frame, f, index, at } of holes) {
    const held = frame.obj[f.id];
    const v = index === undefined ? held : (held as unknown[])[index];
    if (v !== undefined) put(view, at, v as number | bigint, f);
    else if (!f.def.checksum) throw missing(why, pathTo(frame, f, index));
  }
  return buf.slice(0, len);
}

/** Reused by every small encoding (they are the fuzzer's hot path); the bytes returned are a copy. */
let scratch = new Uint8Array(4096);
let scratchView = new DataView(scratch.buffer);
const KEEP_SCRATCH = 64 * 1024;

class Writer {
  buf = scratch;
  view = scratchView;
  len = 0;
  readonly holes: Hole[] = [];

  constructor(readonly why: readonly Pending[]) {}

  placement(job: Job): void {
    const deferred: Job[] = [];
    job(deferred);
    this.drain(deferred);
  }

  private drain(deferred: readonly Job[]): void {
    for (const next of deferred) this.placement(next);
  }

  fields(frame: Frame, deferred: Job[]): void {
    const fields = frame.flat.fields;
    for (let pos = 0; pos < fields.length; pos++) {
      const f = fields[pos]!;
      if (f.view) continue;
      if (f.at) deferred.push((d) => this.placed(frame, pos, d));
      else this.sequential(frame, pos, deferred);
    }
  }

  private sequential(frame: Frame, pos: number, deferred: Job[]): void {
    const f = frame.flat.fields[pos]!;
    const v = frame.obj[f.id];
    if (!f.repeat) return this.one(frame, pos, v, undefined, deferred);
    if (!Array.isArray(v)) throw missing(this.why, pathTo(frame, f));
    (frame.elems ??= [])[pos] = new Array<number>(2 * v.length);
    const start = this.len;
    for (let i = 0; i < v.length; i++) this.one(frame, pos, v[i], i, deferred);
    setLoc(frame.locs, pos, start, this.len - start);
  }

  private placed(frame: Frame, pos: number, deferred: Job[]): void {
    const f = frame.flat.fields[pos]!;
    const v = frame.obj[f.id];
    if (!f.repeat) return this.one(frame, pos, v, undefined, deferred);
    if (!Array.isArray(v)) throw missing(this.why, pathTo(frame, f));
    (frame.elems ??= [])[pos] = new Array<number>(2 * v.length);
    // Each element is a placement of its own (forEach: a sparse array's holes are not written).
    v.forEach((el: unknown, i) => {
      const d: Job[] = [];
      this.one(frame, pos, el, i, d);
      this.drain(d);
    });
  }

  /** Writes `v`, the field at `pos` of `frame` (its element `index`, if repeated). */
  private one(frame: Frame, pos: number, v: unknown, index: number | undefined, deferred: Job[]): void {
    const f = frame.flat.fields[pos]!;
    const start = this.len;
    switch (f.kind) {
      case 'int': {
        const at = this.reserve(f.width);
        if (v !== undefined) put(this.view, at, v as number | bigint, f);
        else {
          put(this.view, at, 0, f); // the scratch buffer is not zeroed
          this.holes.push({ frame, f, index, at });
        }
        break;
      }
      case 'bytes': case 'str': {
        const b = typeof v === 'string' ? utf8.encode(v) : v instanceof Uint8Array ? v : missingAt(this.why, frame, f, index);
        const at = this.reserve(b.length); // before reading this.buf: reserve may replace it
        this.buf.set(b, at);
        break;
      }
      case 'struct': case 'switch': {
        if (!isMap(v)) return missingAt(this.why, frame, f, index);
        const kid = frame.kids?.[pos];
        // No frame: a switch whose tag has no case.
        const child = index === undefined ? kid : Array.isArray(kid) ? kid[index] : undefined;
        if (child && !Array.isArray(child)) this.fields(child, deferred);
        break;
      }
    }
    if (index === undefined) setLoc(frame.locs, pos, start, this.len - start);
    else setLoc(frame.elems![pos]!, index, start, this.len - start);
  }

  private reserve(n: number): number {
    if (this.len + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
      if (bigger.length <= KEEP_SCRATCH) {
        scratch = bigger;
        scratchView = this.view;
      }
    }
    const at = this.len;
    this.len += n;
    return at;
  }
}

/** Values are already in the decoder's conventions (range-checked number, bigint for 8 bytes); the unsigned setters write signed values' two's complement too. */
function put(view: DataView, at: number, v: number | bigint, f: FieldPlan): void {
  switch (f.width) {
    case 1: view.setUint8(at, Number(v)); return;
    case 2: view.setUint16(at, Number(v), f.le); return;
    case 4: view.setUint32(at, Number(v), f.le); return;
    default: view.setBigUint64(at, typeof v === 'bigint' ? v : BigInt(v), f.le);
  }
}

function pathTo(frame: Frame, f: FieldPlan, index?: number): FieldPath {
  return index === undefined ? [...frame.path, f.id] : [...frame.path, f.id, index];
}

function missingAt(why: readonly Pending[], frame: Frame, f: FieldPlan, index: number | undefined): never {
  throw missing(why, pathTo(frame, f, index));
}

/** The error for an absent value, with the first reason a derive pass gave for that path. */
function missing(why: readonly Pending[], path: FieldPath): EncodeError {
  const key = formatPath(path);
  const reason = why.find((p) => formatPath(pathOf(p.where)) === key)?.reason;
  return new EncodeError(reason ?? MISSING, path);
}
