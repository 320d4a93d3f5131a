import { formatPath, type FieldPath } from '../findings/index.js';
import type { Pending } from './derive.js';
import { writeBits } from '../codec/write-bits.js';
import { EncodeError } from './encode-error.js';
import { pathOf, type Locations } from './locations.js';
import type { FieldPlan } from './plan.js';
import type { Frame } from './tree.js';

/* The integers the layout leaves to fill, the writer's integer store, and its errors for absent values. */

const MISSING = 'missing (and the schema has no derive for it)';

/** An integer still absent when the layout was written: zeros for now, its value patched in later. */
export interface Hole { readonly frame: Frame; readonly f: FieldPlan; readonly index: number | undefined; readonly at: number; readonly bit?: number }

/** The layout, not yet copied out of the writer's buffer: its holes are filled in place first. */
export interface Written { readonly buf: Uint8Array; readonly view: DataView; readonly len: number; readonly locations: Locations; readonly holes: readonly Hole[] }

/**
 * Writes the integers derived from the layout into their holes, and returns the file; any other
 * integer still absent (but a checksum, written last) is an error. This replaces writing the file
 * a second time: only integers can still be absent, so the layout cannot change.
 */
export function fillHoles({ buf, view, len, holes }: Written, why: readonly Pending[]): Uint8Array {
  for (const { frame, f, index, at, bit } of holes) {
    const held = frame.obj[f.id];
    const v = index === undefined ? held : (held as unknown[])[index];
    if (v === undefined) {
      if (!f.def.checksum) throw missing(why, pathTo(frame, f, index));
    } else if (bit !== undefined) putBits(buf, bit, f, v as number | bigint);
    else put(view, at, v as number | bigint, f);
  }
  return buf.slice(0, len);
}

/** Values are already in the decoder's conventions (range-checked number, bigint for 8 bytes); the unsigned setters write signed values' two's complement too. */
export function put(view: DataView, at: number, v: number | bigint, f: FieldPlan): void {
  switch (f.width) {
    case 1: view.setUint8(at, Number(v)); return;
    case 2: view.setUint16(at, Number(v), f.le); return;
    case 4: view.setUint32(at, Number(v), f.le); return;
    default: view.setBigUint64(at, typeof v === 'bigint' ? v : BigInt(v), f.le);
  }
}

/** A bit field's value (range-checked) at bit `bit` of the buffer. */
export function putBits(buf: Uint8Array, bit: number, f: FieldPlan, v: number | bigint): void {
  const t = f.def.type;
  if (t.kind === 'bits') writeBits(buf, bit, t.bits, t.bitEndian, v);
}

export function pathTo(frame: Frame, f: FieldPlan, index?: number): FieldPath {
  return index === undefined ? [...frame.path, f.id] : [...frame.path, f.id, index];
}

export function missingAt(why: readonly Pending[], frame: Frame, f: FieldPlan, index: number | undefined): never {
  throw missing(why, pathTo(frame, f, index));
}

/** The error for an absent value, with the first reason a derive pass gave for that path. */
export function missing(why: readonly Pending[], path: FieldPath): EncodeError {
  const key = formatPath(path);
  const reason = why.find((p) => formatPath(pathOf(p.where)) === key)?.reason;
  return new EncodeError(reason ?? MISSING, path);
}
