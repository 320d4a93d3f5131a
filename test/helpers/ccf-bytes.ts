/**
 * A tiny hand-written CCF v1 byte builder for tests (spec ccf-v1.md section 1). It is
 * deliberately independent of the schema-driven encoder, so it can serve as a
 * differential oracle: every byte is laid out here by hand.
 */
import { crc32 } from 'node:zlib';

export type Kind = 'INT' | 'STR' | number;
export type StrOp = 'EQ_STR' | 'PREFIX_STR' | 'REGEX';
export type Crit =
  | { op: 'ANY' }
  | { op: 'EQ_INT'; value: bigint | number }
  | { op: 'RANGE_INT'; lo: bigint | number; hi: bigint | number }
  | { op: StrOp; str: string }
  /** A string reference given as is (relative to the pool), to point it anywhere. */
  | { op: StrOp; ref: { off: number; len: number } }
  /** Raw bytes: opcode then payload, for undefined opcodes or cut payloads. */
  | { op: 'RAW'; bytes: readonly number[] };

export interface TypeSpec { id: number; kinds: readonly Kind[]; fieldCount?: number; reserved?: number }
export interface InstanceSpec { id?: number; type: number; action?: number; criteria: readonly Crit[]; criteriaCount?: number }
export interface Header {
  magic: number; version: number; header_size: number; channel: number; flags: number; content_seq: bigint;
  type_count: number; reserved: number; instance_count: number; pool_offset: number; pool_size: number; file_size: number;
}
export interface CcfSpec {
  types: readonly TypeSpec[];
  instances: readonly InstanceSpec[];
  /** Header fields to override after layout (the CRC is computed after). */
  header?: Partial<Header>;
  /** Replaces the computed index entries (absolute record offsets). */
  index?: readonly number[];
  /** Extra bytes appended to the pool (after the referenced strings). */
  extraPool?: string;
  /** Stored CRC instead of the computed one. */
  crc?: number;
}
export interface CcfLayout {
  typeOffsets: number[]; indexOffset: number; recordOffsets: number[];
  /** Absolute offset of each criterion's opcode byte, per instance. */
  criterionOffsets: number[][];
  poolOffset: number; poolSize: number; crcOffset: number;
}

const OPS: Record<string, number> = { ANY: 0, EQ_INT: 1, RANGE_INT: 2, EQ_STR: 3, PREFIX_STR: 4, REGEX: 5 };
const enc = new TextEncoder();

const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
function u64(v: bigint | number): number[] {
  let b = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  for (let i = 0; i < 8; i++, b >>= 8n) out.push(Number(b & 0xffn));
  return out;
}
const kindByte = (k: Kind): number => (k === 'INT' ? 1 : k === 'STR' ? 2 : k);

export function buildCcf(spec: CcfSpec): { bytes: Uint8Array; layout: CcfLayout } {
  // The pool: each distinct string once, in first-use order.
  const pool: number[] = [];
  const strAt = new Map<string, number>();
  const ref = (s: string): [number, number] => {
    let at = strAt.get(s);
    const b = enc.encode(s);
    if (at === undefined) { at = pool.length; strAt.set(s, at); pool.push(...b); }
    return [at, b.length];
  };
  const table: number[] = [];
  const typeOffsets: number[] = [];
  for (const t of spec.types) {
    typeOffsets.push(40 + table.length);
    table.push(...u16(t.id), t.fieldCount ?? t.kinds.length, t.reserved ?? 0, ...t.kinds.map(kindByte));
  }
  const indexOffset = 40 + table.length;
  const at = indexOffset + 4 * spec.instances.length;
  const records: number[] = [];
  const recordOffsets: number[] = [];
  const criterionOffsets: number[][] = [];
  spec.instances.forEach((inst, n) => {
    recordOffsets.push(at + records.length);
    records.push(...u32(inst.id ?? n + 1), ...u16(inst.type), inst.criteriaCount ?? inst.criteria.length, inst.action ?? 0);
    const offs: number[] = [];
    for (const c of inst.criteria) {
      offs.push(at + records.length);
      if (c.op === 'RAW') records.push(...c.bytes);
      else if (c.op === 'ANY') records.push(0);
      else if (c.op === 'EQ_INT') records.push(1, ...u64(c.value));
      else if (c.op === 'RANGE_INT') records.push(2, ...u64(c.lo), ...u64(c.hi));
      else {
        const [off, len] = 'str' in c ? ref(c.str) : [c.ref.off, c.ref.len];
        records.push(OPS[c.op]!, ...u32(off), ...u16(len));
      }
    }
    criterionOffsets.push(offs);
  });
  if (spec.extraPool !== undefined) pool.push(...enc.encode(spec.extraPool));
  const poolOffset = at + records.length;
  const fileSize = poolOffset + pool.length + 4;
  const h: Header = {
    magic: 0xaaaaaaaa, version: 1, header_size: 40, channel: 291, flags: 0, content_seq: 1n,
    type_count: spec.types.length, reserved: 0, instance_count: spec.instances.length,
    pool_offset: poolOffset, pool_size: pool.length, file_size: fileSize, ...spec.header,
  };
  const header = [
    ...u32(h.magic), ...u16(h.version), ...u16(h.header_size), ...u16(h.channel), ...u16(h.flags), ...u64(h.content_seq),
    ...u16(h.type_count), ...u16(h.reserved), ...u32(h.instance_count), ...u32(h.pool_offset), ...u32(h.pool_size), ...u32(h.file_size),
  ];
  const index = (spec.index ?? recordOffsets).flatMap(u32);
  const body = Uint8Array.from([...header, ...table, ...index, ...records, ...pool]);
  const bytes = new Uint8Array(body.length + 4);
  bytes.set(body);
  new DataView(bytes.buffer).setUint32(body.length, spec.crc ?? crc32(body), true);
  return {
    bytes,
    layout: { typeOffsets, indexOffset, recordOffsets, criterionOffsets, poolOffset, poolSize: pool.length, crcOffset: body.length },
  };
}

/** A copy cut to its first `length` bytes. */
export const truncate = (bytes: Uint8Array, length: number): Uint8Array => bytes.slice(0, length);

/** A copy with little-endian values written at `at` (size 1, 2 or 4 bytes). */
export function patch(bytes: Uint8Array, at: number, value: number, size: 1 | 2 | 4 = 1): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  if (size === 1) v.setUint8(at, value);
  else if (size === 2) v.setUint16(at, value, true);
  else v.setUint32(at, value, true);
  return out;
}

/** The CRC-32 the trailer should hold for `bytes` (all but its last 4 bytes). */
export const expectedCrc = (bytes: Uint8Array): number => crc32(bytes.subarray(0, bytes.length - 4));
