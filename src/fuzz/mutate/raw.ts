import type { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';
import type { MutationContext } from './context.js';
import { BYTE_EDGES, MAX_BYTES, WORD_EDGES, hex } from './limits.js';

type Raw = { bytes: Uint8Array; how: string };

/** One structure-breaking byte-level mutation: no decoding, one copy of the bytes. */
export function rawMutation(input: FuzzInput, rng: Rng, ctx: MutationContext): FuzzInput {
  const b = input.bytes;
  const r = b.length === 0 ? grow(b, rng, rng.int(1, 64)) : pickOp(b, rng, ctx);
  return { bytes: r.bytes.length > MAX_BYTES ? r.bytes.slice(0, MAX_BYTES) : r.bytes, how: `raw:${r.how}` };
}

function pickOp(b: Uint8Array, rng: Rng, ctx: MutationContext): Raw {
  const x = rng.below(100);
  if (x < 14) return flipBit(b, rng);
  if (x < 28) return setByte(b, rng);
  if (x < 48) return setWord(b, rng, ctx);
  if (x < 56) return arith(b, rng);
  if (x < 64) return insert(b, rng);
  if (x < 72) return remove(b, rng);
  if (x < 78) return duplicate(b, rng);
  if (x < 86) return truncate(b, rng);
  if (x < 96) return splice(b, rng, ctx);
  return grow(b, rng, rng.int(1, 32));
}

export function flipBit(b: Uint8Array, rng: Rng): Raw {
  const out = b.slice();
  const at = rng.below(b.length);
  const bit = rng.below(8);
  out[at]! ^= 1 << bit;
  return { bytes: out, how: `flip@${at}.${bit}` };
}

function setByte(b: Uint8Array, rng: Rng): Raw {
  const out = b.slice();
  const at = rng.below(b.length);
  const v = rng.chance(0.8) ? rng.pick(BYTE_EDGES) : rng.below(256);
  out[at] = v;
  return { bytes: out, how: `set@${at}=${hex(v)}` };
}

/** A u16 or u32 (little- or big-endian) at an aligned or unaligned offset set to an edge value. */
function setWord(b: Uint8Array, rng: Rng, ctx: MutationContext): Raw {
  const width = rng.chance(0.5) ? 2 : 4;
  if (b.length < width) return setByte(b, rng);
  let at = rng.below(b.length - width + 1);
  if (rng.chance(0.5)) at -= at % width;
  const le = ctx.schema.endian === 'le' ? rng.chance(0.85) : rng.chance(0.15);
  const pool = rng.chance(0.5) && ctx.hints.ints.length ? ctx.hints.ints : WORD_EDGES;
  const v = rng.chance(0.9) ? rng.pick(pool) : rng.u32();
  const out = b.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (width === 2) view.setUint16(at, v & 0xffff, le);
  else view.setUint32(at, v >>> 0, le);
  return { bytes: out, how: `u${width * 8}${le ? 'le' : 'be'}@${at}=${width === 2 ? v & 0xffff : v >>> 0}` };
}

function arith(b: Uint8Array, rng: Rng): Raw {
  const out = b.slice();
  const at = rng.below(b.length);
  const d = rng.int(1, 35) * (rng.chance(0.5) ? 1 : -1);
  out[at] = (out[at]! + d) & 0xff;
  return { bytes: out, how: `add@${at}${d > 0 ? '+' : ''}${d}` };
}

function insert(b: Uint8Array, rng: Rng): Raw {
  const at = rng.int(0, b.length);
  const n = rng.int(1, 16);
  const chunk = new Uint8Array(n);
  const fill = rng.chance(0.5) ? rng.pick(BYTE_EDGES) : -1;
  for (let i = 0; i < n; i++) chunk[i] = fill >= 0 ? fill : rng.below(256);
  return { bytes: join(b.subarray(0, at), chunk, b.subarray(at)), how: `ins@${at}+${n}` };
}

function remove(b: Uint8Array, rng: Rng): Raw {
  const at = rng.below(b.length);
  const n = Math.min(b.length - at, rng.int(1, 16));
  return { bytes: join(b.subarray(0, at), b.subarray(at + n)), how: `del@${at}+${n}` };
}

function duplicate(b: Uint8Array, rng: Rng): Raw {
  const at = rng.below(b.length);
  const n = Math.min(b.length - at, rng.int(1, 32));
  return { bytes: join(b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n)), how: `dup@${at}+${n}` };
}

function truncate(b: Uint8Array, rng: Rng): Raw {
  const at = rng.chance(0.5) ? rng.below(b.length) : Math.max(0, b.length - rng.int(1, 8));
  return { bytes: b.slice(0, at), how: `trunc@${at}` };
}

/** A byte range of another input, written over this one or inserted into it. */
function splice(b: Uint8Array, rng: Rng, ctx: MutationContext): Raw {
  const donors = ctx.donors;
  if (donors.length === 0) return duplicate(b, rng);
  const d = rng.below(donors.length);
  const src = donors[d]!.bytes;
  if (src.length === 0) return duplicate(b, rng);
  const from = rng.below(src.length);
  const n = Math.min(src.length - from, rng.int(1, 64));
  const at = rng.int(0, b.length);
  const part = src.subarray(from, from + n);
  if (rng.chance(0.5)) return { bytes: join(b.subarray(0, at), part, b.subarray(at)), how: `splice-ins@${at}<-d${d}[${from}+${n}]` };
  return { bytes: join(b.subarray(0, at), part, b.subarray(Math.min(b.length, at + n))), how: `splice@${at}<-d${d}[${from}+${n}]` };
}

function grow(b: Uint8Array, rng: Rng, n: number): Raw {
  const chunk = new Uint8Array(n);
  for (let i = 0; i < n; i++) chunk[i] = rng.below(256);
  return { bytes: join(b, chunk), how: `app+${n}` };
}

function join(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
