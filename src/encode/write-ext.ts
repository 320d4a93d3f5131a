import { encodeText } from '../codec/encode-text.js';
import { writeBits } from '../codec/write-bits.js';
import { EvalError, elementScope, evaluateSize } from '../schema/index.js';
import { processedBytes } from './checksums.js';
import { EncodeError } from './encode-error.js';
import { fastOf } from './fast-expr.js';
import { missingAt, pathTo, put } from './holes.js';
import { setLoc } from './locations.js';
import { padTo } from './place-at.js';
import { compressFor } from './process.js';
import { relocate } from './relocate.js';
import type { FieldPlan } from './plan.js';
import type { Frame } from './tree.js';
import type { Job, Writer } from './write.js';

/**
 * Writes a field that uses a construct plain schemas do not (plan.ts, isExt): `if`, bit fields,
 * terminators, text encodings, a `size` on a struct or switch, `process`, other checksums.
 * Returns true when the field's bytes are [start, w.len) (the caller records that location),
 * false when it records its own (a bit field) or writes nothing (a false `if`: null).
 */
export function writeExt(w: Writer, frame: Frame, f: FieldPlan, pos: number, v: unknown, index: number | undefined, deferred: Job[]): boolean {
  if (v === null && f.def.cond) return false;
  const t = f.def.type;
  switch (t.kind) {
    case 'bits': return bits(w, frame, f, pos, v, index);
    case 'int': {
      const at = w.reserve(f.width);
      if (v !== undefined) put(w.view, at, v as number | bigint, f);
      else {
        put(w.view, at, 0, f); // the scratch buffer is not zeroed
        w.holes.push({ frame, f, index, at });
      }
      return true;
    }
    case 'bytes': case 'str': {
      const start = w.len;
      let b = valueBytes(w, frame, f, v, index);
      if (f.def.process) b = compressFor(frame, f, index, b);
      writeBytes(w, withTerminator(f, b, sizeOf(frame, f, index)));
      pad(w, frame, f, index, start);
      return true;
    }
    default: {
      const start = w.len;
      const kid = frame.kids?.[pos];
      const child = index === undefined ? kid : Array.isArray(kid) ? kid[index] : undefined;
      // A sized or processed struct is a stream of its own: what it places with `at` stays inside.
      if (!f.def.size && !f.def.sizeEos && !f.def.process) {
        w.struct(frame, f, v, index, child, deferred);
        return true;
      }
      const holes = w.holes.length;
      w.bitEnd = -1; // a stream of its own: no bit run goes on into it, or out of it
      w.placement((d) => w.struct(frame, f, v, index, child, d), start);
      w.bitEnd = -1;
      if (f.def.process) processStruct(w, frame, f, index, v, child, start, holes);
      else {
        pad(w, frame, f, index, start);
        if (child && !Array.isArray(child)) ((child as Frame).ext ??= {}).stream = { start, end: w.len };
      }
      return true;
    }
  }
}

/** The bytes of a bytes or str value: text in the field's encoding; raw bytes as given. */
function valueBytes(w: Writer, frame: Frame, f: FieldPlan, v: unknown, index: number | undefined): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') {
    const t = f.def.type;
    const enc = t.kind === 'str' ? t.encoding : undefined;
    const b = encodeText(v, enc);
    if (!b) throw new EncodeError(`this text has a character that ${enc ?? 'utf-8'} cannot encode (give {hex: ...} for raw bytes)`, pathTo(frame, f, index));
    return b;
  }
  // A sha256 checksum still to compute: zeros for now (checksums.ts patches them in).
  if (v === undefined && f.def.checksum?.algo === 'sha256') return new Uint8Array(32);
  return missingAt(w.why, frame, f, index);
}

/**
 * The bytes written for a terminated value: the value and its terminator, which is left out
 * when `consume: false` (the next field starts with it), when `include` put it in the value
 * already, and when a `size` bounds the value and it fills that size (Kaitai's rule).
 */
function withTerminator(f: FieldPlan, b: Uint8Array, size: number | undefined): Uint8Array {
  const { terminator: term, include = false, consume = true } = f.def;
  if (term === undefined) return b;
  const ends = b.length > 0 && b[b.length - 1] === term;
  let body = b;
  if (include && ends) body = b.subarray(0, b.length - 1);
  else if (include && size !== undefined) return b; // read up to the size, no terminator found
  if (!consume || (size !== undefined && body.length >= size)) return body;
  const out = new Uint8Array(body.length + 1);
  out.set(body);
  out[body.length] = term;
  return out;
}

function writeBytes(w: Writer, b: Uint8Array): void {
  const at = w.reserve(b.length);
  w.buf.set(b, at);
}

/**
 * The field's `size` when it can be evaluated now (the source pins it, or it was derived from
 * values); undefined when it waits for the layout (then it is derived from what is written).
 */
function sizeOf(frame: Frame, f: FieldPlan, index: number | undefined): number | undefined {
  const size = f.def.size;
  if (!size) return undefined;
  const v = fastOf(size)?.(frame, index ?? frame.index, frame.env);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  try {
    return evaluateSize(size, index === undefined ? frame.scope : elementScope(frame.scope, index));
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

/** Zeros up to a pinned size larger than what was written (the decoder skips what a substream leaves unread). */
function pad(w: Writer, frame: Frame, f: FieldPlan, index: number | undefined, start: number): void {
  const size = sizeOf(frame, f, index);
  if (size !== undefined) padTo(w, start + size);
}

/** A processed struct: written as its own stream, then replaced by its compressed bytes. */
function processStruct(w: Writer, frame: Frame, f: FieldPlan, index: number | undefined, v: unknown, child: unknown, start: number, holes: number): void {
  const hole = w.holes[holes];
  if (hole) {
    const what = pathTo(hole.frame, hole.f, hole.index).join('.');
    throw new EncodeError(`${what} is inside a processed (compressed) stream and is derived from the layout: give it`, pathTo(frame, f, index));
  }
  const inner = w.buf.slice(start, w.len);
  w.len = start;
  const packed = compressFor(frame, f, index, inner);
  writeBytes(w, packed);
  pad(w, frame, f, index, start);
  if (typeof v === 'object' && v !== null) processedBytes.set(v, inner);
  if (child && !Array.isArray(child)) relocate(child as Frame, start, w.len - start);
}

/**
 * A bit field: consecutive bit fields of the same bit order share bytes (a byte-aligned field
 * starts at the next byte, which the writer's length already is). `be`: the first field takes the high bits,
 * its value most significant bit first; `le`: the low bits, least significant first (Kaitai).
 * Located at the bytes it touches.
 */
function bits(w: Writer, frame: Frame, f: FieldPlan, pos: number, v: unknown, index: number | undefined): boolean {
  const t = f.def.type;
  if (t.kind !== 'bits') return false;
  if (v !== undefined && typeof v !== 'number' && typeof v !== 'bigint') return missingAt(w.why, frame, f, index);
  const n = t.bits;
  // As the decoder reads them: a run goes on only in the same bit order and the same stream.
  const shared = w.len === w.bitEnd && w.bitUsed < 8 && w.bitEndian === t.bitEndian;
  const bitPos = shared ? (w.len - 1) * 8 + w.bitUsed : w.len * 8;
  const endBit = bitPos + n;
  const more = Math.ceil(endBit / 8) - w.len;
  if (more > 0) {
    const at = w.reserve(more);
    w.buf.fill(0, at, at + more);
  }
  // Zeros for a value derived from the layout (an implied size): fillHoles writes it.
  if (v === undefined) w.holes.push({ frame, f, index, at: bitPos >> 3, bit: bitPos });
  else writeBits(w.buf, bitPos, n, t.bitEndian, v);
  w.bitEnd = w.len;
  w.bitUsed = endBit - (w.len - 1) * 8;
  w.bitEndian = t.bitEndian;
  const first = bitPos >> 3;
  if (index === undefined) setLoc(frame.locs, pos, first, w.len - first);
  else setLoc(frame.elems![pos]!, index, first, w.len - first);
  return false;
}
