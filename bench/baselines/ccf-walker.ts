/**
 * The hand-written baseline of issue 12: a CCF v1 validator written straight from
 * docs/ccf-v1.md section 1, over a DataView, that the schema-driven `validate` is measured against.
 * Bench code only (src/ knows no format).
 *
 * To be a fair yardstick it does the structural work the schema asks for, not just skip bytes:
 * every read is bounds-checked (TRUNCATED), every header rule, the template table (counts, kinds,
 * reserved bytes, duplicate type ids), the index (records after the index, ascending, not
 * overlapping, ending before the pool; gaps), each record (unique instance id, known type,
 * criteria count = field count, action), each criterion (opcode, its kind against the field's,
 * lo <= hi, the string inside the pool and well-formed UTF-8), the pool's bounds and sizes, and
 * the CRC-32 trailer (zlib.crc32). What it does not do: RE2 validity and ReDoS analysis of REGEX
 * strings (the bench files carry none), consumer simulation, and reporting paths and messages:
 * a finding is a code and a byte offset.
 */
import { crc32 } from 'node:zlib';
import { poolStringChecker } from './utf8.js';

export interface WalkFinding {
  readonly code: string;
  readonly offset: number;
}

export interface WalkResult {
  readonly types: number;
  readonly instances: number;
  readonly criteria: number;
  readonly strings: number;
  readonly findings: WalkFinding[];
}

const MAGIC = 0xaaaaaaaa;
const HEADER = 40;
/** Findings kept per file: a hostile file cannot make the list grow with its counts. */
const MAX_FINDINGS = 1000;
/** Payload bytes of each opcode 0..5, and the field kind it applies to (0: any, 1: INT, 2: STR). */
const PAYLOAD = [0, 8, 16, 6, 6, 6];
const APPLIES = [0, 1, 1, 2, 2, 2];
/** What walkRecord returns for a record cut by the end of the file, and for one cut by an unknown opcode. */
const TRUNCATED = -1;
const UNKNOWN_END = -2;

// The template table by type id, reused across files: a stamp per id says which walk set it.
const typeStamp = new Uint32Array(65536);
const typeFields = new Uint8Array(65536);
const typeKindsAt = new Uint32Array(65536);
let stamp = 0;

export function walkCcf(bytes: Uint8Array): WalkResult {
  const n = bytes.length;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, n);
  const findings: WalkFinding[] = [];
  const report = (code: string, offset: number): void => {
    if (findings.length < MAX_FINDINGS) findings.push({ code, offset });
  };
  const counts: Counts = { types: 0, instances: 0, criteria: 0, strings: 0 };
  if (n < HEADER) {
    report('TRUNCATED', n);
    return { ...counts, findings };
  }

  // 1.1 header
  if (dv.getUint32(0, true) !== MAGIC) report('BAD_MAGIC', 0);
  if (dv.getUint16(4, true) !== 1) report('BAD_VERSION', 4);
  if (dv.getUint16(6, true) !== HEADER) report('HEADER_SIZE', 6);
  if ((dv.getUint16(10, true) & 0xfffe) !== 0) report('RESERVED_NONZERO', 10);
  const typeCount = dv.getUint16(20, true);
  if (typeCount < 1 || typeCount > 32) report('BAD_COUNT', 20);
  if (dv.getUint16(22, true) !== 0) report('RESERVED_NONZERO', 22);
  const instanceCount = dv.getUint32(24, true);
  if (instanceCount > 65535) report('BAD_COUNT', 24);
  const poolOffset = dv.getUint32(28, true);
  const poolSize = dv.getUint32(32, true);
  const fileSize = dv.getUint32(36, true);
  if (fileSize !== n) report('SIZE_MISMATCH', 36);
  if (poolOffset + poolSize + 4 !== fileSize) report('SIZE_MISMATCH', 32);
  const poolInFile = poolOffset + poolSize <= n;
  if (poolOffset > n) report('BAD_OFFSET', 28);
  else if (!poolInFile) report('TRUNCATED', n); // the pool starts in the file and runs past its end

  walkTablesAndRecords(bytes, dv, typeCount, instanceCount, poolOffset, poolSize, poolInFile, counts, report);

  // 1.5 trailer (at the end of the file, whatever the sections before it declared)
  if (crc32(bytes.subarray(0, n - 4)) !== dv.getUint32(n - 4, true)) report('CRC_MISMATCH', n - 4);
  return { ...counts, findings };
}

interface Counts {
  types: number;
  instances: number;
  criteria: number;
  strings: number;
}

/** Sections 1.2-1.4: the table, the index and the records; stops at the first read past the end (TRUNCATED). */
function walkTablesAndRecords(
  bytes: Uint8Array, dv: DataView, typeCount: number, instanceCount: number, poolOffset: number, poolSize: number, poolInFile: boolean,
  counts: Counts, report: (code: string, offset: number) => void,
): void {
  const n = bytes.length;
  const truncated = (offset: number): void => report('TRUNCATED', offset);
  const wellFormed = poolInFile ? poolStringChecker(bytes, poolOffset, poolOffset + poolSize) : () => true;
  // 1.2 template-type table
  stamp = (stamp + 1) >>> 0 || 1;
  let p = HEADER;
  for (let t = 0; t < typeCount; t++) {
    if (p + 4 > n) return truncated(p);
    const id = dv.getUint16(p, true);
    const fieldCount = bytes[p + 2]!;
    if (fieldCount < 1 || fieldCount > 64) report('BAD_COUNT', p + 2);
    if (bytes[p + 3] !== 0) report('RESERVED_NONZERO', p + 3);
    if (p + 4 + fieldCount > n) return truncated(p + 4);
    for (let f = 0; f < fieldCount; f++) {
      const kind = bytes[p + 4 + f]!;
      if (kind !== 1 && kind !== 2) report('BAD_FIELD_KIND', p + 4 + f);
    }
    if (typeStamp[id] === stamp) report('DUPLICATE_ID', p);
    else {
      typeStamp[id] = stamp;
      typeFields[id] = fieldCount;
      typeKindsAt[id] = p + 4;
    }
    counts.types++;
    p += 4 + fieldCount;
  }

  // 1.3 index: the entries that fit in the file are still followed
  const indexAt = p;
  const entries = Math.min(instanceCount, Math.floor((n - indexAt) / 4));
  if (entries < instanceCount) truncated(n);
  const ids = new Set<number>();
  let prevEnd = indexAt + 4 * instanceCount;
  // Gaps are only meaningful between records whose ends are known, behind a complete index.
  let endKnown = entries === instanceCount;
  for (let i = 0; i < entries; i++) {
    const at = dv.getUint32(indexAt + 4 * i, true);
    // Before the index's end, not ascending or overlapping: reported, and the record still read.
    if (at < prevEnd) report('BAD_OFFSET', indexAt + 4 * i);
    else if (at > prevEnd && endKnown) report('GAP', prevEnd);
    const end = walkRecord(at);
    if (end === TRUNCATED) return;
    endKnown = end !== UNKNOWN_END && entries === instanceCount;
    const recordEnd = endKnown ? end : at + 8;
    if (recordEnd > poolOffset) report('BAD_OFFSET', indexAt + 4 * i); // the record runs into the pool
    if (recordEnd > prevEnd) prevEnd = recordEnd;
  }
  if (prevEnd < poolOffset && endKnown) report('GAP', prevEnd);

  /** 1.4: one record at `at`; its end, or UNKNOWN_END after an unknown opcode, or TRUNCATED. */
  function walkRecord(at: number): number {
    if (at + 8 > n) {
      truncated(at);
      return TRUNCATED;
    }
    const id = dv.getUint32(at, true);
    if (ids.has(id)) report('DUPLICATE_ID', at);
    ids.add(id);
    const typeId = dv.getUint16(at + 4, true);
    const known = typeStamp[typeId] === stamp;
    if (!known) report('UNKNOWN_TEMPLATE', at + 4);
    const count = bytes[at + 6]!;
    const fields = known ? typeFields[typeId]! : 0;
    const kindsAt = known ? typeKindsAt[typeId]! : 0;
    if (known && count !== fields) report('FIELD_COUNT_MISMATCH', at + 6);
    if (bytes[at + 7]! > 2) report('BAD_ACTION', at + 7);
    counts.instances++;
    let q = at + 8;
    for (let c = 0; c < count; c++) {
      if (q >= n) {
        truncated(q);
        return TRUNCATED;
      }
      const op = bytes[q]!;
      if (op > 5) {
        report('UNKNOWN_OP', q); // the rest of this record cannot be decoded
        return UNKNOWN_END;
      }
      const end = q + 1 + PAYLOAD[op]!;
      if (end > n) {
        truncated(q + 1);
        return TRUNCATED;
      }
      const declared = c < fields ? bytes[kindsAt + c]! : 0;
      const applies = APPLIES[op]!;
      if (applies !== 0 && (declared === 1 || declared === 2) && applies !== declared) report('OP_KIND_MISMATCH', q);
      if (op === 2) {
        // lo > hi as u64, compared by 32-bit halves (high first) without BigInt
        const loHi = dv.getUint32(q + 5, true);
        const hiHi = dv.getUint32(q + 13, true);
        if (loHi > hiHi || (loHi === hiHi && dv.getUint32(q + 1, true) > dv.getUint32(q + 9, true))) report('RANGE_INVERTED', q);
      } else if (op >= 3) {
        const off = dv.getUint32(q + 1, true);
        const len = dv.getUint16(q + 5, true);
        counts.strings++;
        if (off + len > poolSize) report('POOL_OOB', q);
        else if (poolInFile && !wellFormed(poolOffset + off, poolOffset + off + len)) report('BAD_UTF8', q);
      }
      counts.criteria++;
      q = end;
    }
    return q;
  }
}
