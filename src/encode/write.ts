import type { Pending } from './derive.js';
import { missing, missingAt, pathTo, put, type Hole, type Written } from './holes.js';
import { Locations, setLoc } from './locations.js';
import { MAX_PAD } from './place-at.js';
import { isMap } from './normalize.js';
import { BYTES, EXT, INT, STRUCT, type FieldPlan } from './plan.js';
import type { Frame, Tree } from './tree.js';
import { drainAt, padTo, placedAt, targetOf } from './place-at.js';
import { writeExt } from './write-ext.js';

export { fillHoles, type Written } from './holes.js';

/** Work placed with `at`: run after the sequential part of its enclosing placement. */
export type Job = ((deferred: Job[]) => void) & { target?: () => number | undefined };

const utf8 = new TextEncoder();

/**
 * Lays the value out: fields without `at` in sequence, fields with `at` appended after all
 * that was written so far, in declaration order (in schemas with the new constructs, those
 * whose offset is known go at it: place-at.ts). Absent integers are written as zeros (their
 * size is all that matters for the layout) and remembered, for `fillHoles`.
 */
export function writeLayout(tree: Tree, why: readonly Pending[]): Written {
  const root = tree.env.root;
  const w = new Writer(why, tree.env.honourAt);
  w.placement((d) => w.fields(root, d));
  const locations = new Locations(root);
  locations.size = w.len;
  return { buf: w.buf, view: w.view, len: w.len, locations, holes: w.holes };
}

/** Reused by every small encoding (they are the fuzzer's hot path); the bytes returned are a copy. */
let scratch = new Uint8Array(4096);
let scratchView = new DataView(scratch.buffer);
const KEEP_SCRATCH = 64 * 1024;

export class Writer {
  buf = scratch;
  view = scratchView;
  len = 0;
  readonly holes: Hole[] = [];
  /** Bit fields: where the last one ended (this.len then), and how many bits of its last byte it used (1-8). */
  bitEnd = -1;
  bitUsed = 8;
  bitEndian: 'be' | 'le' = 'be';

  /** Where the stream being written starts (`at` is relative to it): 0, or a sized struct's start. */
  base = 0;
  /** Zeros padTo may still add (see MAX_PAD). */
  padLeft = MAX_PAD;

  /** `honourAt`: write fields whose `at` is known before the layout at that offset (see place-at.ts). */
  constructor(readonly why: readonly Pending[], readonly honourAt = false) {}

  /** Runs `job`, then what it placed with `at`; `base` starts a stream of its own (a sized struct). */
  placement(job: Job, base = this.base): void {
    const outer = this.base;
    this.base = base;
    const deferred: Job[] = [];
    job(deferred);
    if (this.honourAt && deferred.length) drainAt(this, deferred);
    else this.drain(deferred);
    this.base = outer;
  }

  drain(deferred: readonly Job[]): void {
    for (const next of deferred) this.placement(next);
  }

  fields(frame: Frame, deferred: Job[]): void {
    const { fields, intWidth } = frame.flat;
    const { obj } = frame;
    if (intWidth >= 0) return this.ints(frame, intWidth);
    for (let pos = 0; pos < fields.length; pos++) {
      const f = fields[pos]!;
      if (f.view) continue;
      if (f.at) deferred.push(this.honourAt ? placedAt(this, frame, f, pos) : (d) => this.placed(frame, pos, d));
      else if (f.repeat) this.sequence(frame, f, pos, obj[f.id], deferred);
      else this.one(frame, f, pos, obj[f.id], undefined, deferred);
    }
  }

  /** A struct of single integers (and views, written elsewhere), such as most array elements: one reserve, no dispatch. */
  private ints(frame: Frame, width: number): void {
    const { fields } = frame.flat;
    const { obj, locs } = frame;
    let at = this.reserve(width);
    for (let pos = 0; pos < fields.length; pos++) {
      const f = fields[pos]!;
      if (f.view) continue;
      const v = obj[f.id];
      if (v !== undefined) put(this.view, at, v as number | bigint, f);
      else {
        put(this.view, at, 0, f); // the scratch buffer is not zeroed
        this.holes.push({ frame, f, index: undefined, at });
      }
      setLoc(locs, pos, at, f.width);
      at += f.width;
    }
  }

  /** A repeated field written in sequence: its elements one after another. */
  private sequence(frame: Frame, f: FieldPlan, pos: number, v: unknown, deferred: Job[]): void {
    if (!Array.isArray(v)) {
      if (v === null && f.def.cond) return; // its `if` is false: not written
      throw missing(this.why, pathTo(frame, f));
    }
    const elems = ((frame.elems ??= [])[pos] = new Array<number>(2 * v.length));
    const start = this.len;
    if (f.code === STRUCT) {
      // The element frames, looked up once for the whole array.
      const kid = frame.kids?.[pos];
      const kids = Array.isArray(kid) ? kid : undefined;
      for (let i = 0; i < v.length; i++) {
        const at = this.len;
        this.struct(frame, f, v[i], i, kids?.[i], deferred);
        setLoc(elems, i, at, this.len - at);
      }
    } else {
      for (let i = 0; i < v.length; i++) this.one(frame, f, pos, v[i], i, deferred);
    }
    setLoc(frame.locs, pos, start, this.len - start);
  }

  placed(frame: Frame, pos: number, deferred: Job[]): void {
    const f = frame.flat.fields[pos]!;
    const v = frame.obj[f.id];
    if (!f.repeat) return this.one(frame, f, pos, v, undefined, deferred);
    if (!Array.isArray(v)) {
      if (v === null && f.def.cond) return;
      throw missing(this.why, pathTo(frame, f));
    }
    (frame.elems ??= [])[pos] = new Array<number>(2 * v.length);
    // Each element is a placement of its own (forEach: a sparse array's holes are not written).
    v.forEach((el: unknown, i) => {
      if (this.honourAt) {
        const at = targetOf(frame, f, i);
        if (at !== undefined) padTo(this, this.base + at);
      }
      this.placement((d) => this.one(frame, f, pos, el, i, d));
    });
  }

  /** Writes `v`, the field `f` at `pos` of `frame` (its element `index`, if repeated). */
  one(frame: Frame, f: FieldPlan, pos: number, v: unknown, index: number | undefined, deferred: Job[]): void {
    const start = this.len;
    switch (f.code) {
      case INT: {
        const at = this.reserve(f.width);
        if (v !== undefined) put(this.view, at, v as number | bigint, f);
        else {
          put(this.view, at, 0, f); // the scratch buffer is not zeroed
          this.holes.push({ frame, f, index, at });
        }
        break;
      }
      case BYTES: {
        const b = typeof v === 'string' ? utf8.encode(v) : v instanceof Uint8Array ? v : missingAt(this.why, frame, f, index);
        const at = this.reserve(b.length); // before reading this.buf: reserve may replace it
        this.buf.set(b, at);
        break;
      }
      case EXT:
        if (!writeExt(this, frame, f, pos, v, index, deferred)) return; // not written: no location
        break;
      default: {
        const kid = frame.kids?.[pos];
        // No frame: a switch whose tag has no case.
        this.struct(frame, f, v, index, index === undefined ? kid : Array.isArray(kid) ? kid[index] : undefined, deferred);
      }
    }
    if (index === undefined) setLoc(frame.locs, pos, start, this.len - start);
    else setLoc(frame.elems![pos]!, index, start, this.len - start);
  }

  /** A struct (or switch) value, with `child` its frame. */
  struct(frame: Frame, f: FieldPlan, v: unknown, index: number | undefined, child: Frame | Array<Frame | undefined> | undefined, deferred: Job[]): void {
    if (!isMap(v)) return missingAt(this.why, frame, f, index);
    if (child && !Array.isArray(child)) this.fields(child, deferred);
  }

  reserve(n: number): number {
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
