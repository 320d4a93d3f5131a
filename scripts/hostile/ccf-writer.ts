/**
 * A minimal CCF v1 writer for hostile files: records are given as raw bytes and the index is
 * given explicitly, so many entries can point at one record (spec: docs/ccf-v1.md, section 1).
 */
import { crc32 } from 'node:zlib';

export interface RawCcf {
  /** Template types: id and field kinds (1 INT, 2 STR). */
  readonly types: readonly { readonly id: number; readonly kinds: readonly number[] }[];
  /** Instance records, each as its raw bytes (head and criteria). */
  readonly records: readonly Uint8Array[];
  /** Index entries as record numbers (into `records`); default one per record, in order. */
  readonly index?: readonly number[];
  /** Number of index entries; default `index.length`. */
  readonly pool?: Uint8Array;
}

/** An instance record's bytes: head (id, type, criteria count, action) then the criteria as given. */
export function record(id: number, type: number, criteriaCount: number, criteria: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + criteria.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, id, true);
  v.setUint16(4, type, true);
  v.setUint8(6, criteriaCount & 0xff);
  v.setUint8(7, 0);
  out.set(criteria, 8);
  return out;
}

export function writeCcf(spec: RawCcf): Uint8Array {
  const index = spec.index ?? spec.records.map((_, i) => i);
  const tableSize = spec.types.reduce((n, t) => n + 4 + t.kinds.length, 0);
  const indexAt = 40 + tableSize;
  const recordsAt = indexAt + 4 * index.length;
  const recordOffsets: number[] = [];
  let at = recordsAt;
  for (const r of spec.records) { recordOffsets.push(at); at += r.length; }
  const pool = spec.pool ?? new Uint8Array(0);
  const poolAt = at;
  const size = poolAt + pool.length + 4;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xaaaaaaaa, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, 40, true);
  v.setUint16(8, 291, true);
  v.setUint16(20, spec.types.length, true);
  v.setUint32(24, index.length, true);
  v.setUint32(28, poolAt, true);
  v.setUint32(32, pool.length, true);
  v.setUint32(36, size, true);
  let p = 40;
  for (const t of spec.types) {
    v.setUint16(p, t.id, true);
    v.setUint8(p + 2, t.kinds.length);
    out.set(t.kinds, p + 4);
    p += 4 + t.kinds.length;
  }
  index.forEach((r, i) => v.setUint32(indexAt + 4 * i, recordOffsets[r]!, true));
  spec.records.forEach((r, i) => out.set(r, recordOffsets[i]!));
  out.set(pool, poolAt);
  v.setUint32(size - 4, crc32(out.subarray(0, size - 4)), true);
  return out;
}
