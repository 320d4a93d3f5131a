/**
 * Hostile inputs of issue 7 section 3, built in memory: each is small (or random) and used to
 * stop the release gate. Tests build them through these functions; scripts/hostile-files.ts
 * writes them to disk for measuring the CLI.
 */
import { randomBytes } from 'node:crypto';
import { record, writeCcf } from './ccf-writer.js';

const INT = 1;
const STR = 2;
/** The IPC-like type of the default fleet: 21 declared fields, agent 7.11 supplies 20. */
const IPC_KINDS = [STR, STR, STR, STR, INT, INT, STR, STR, INT, STR, STR, INT, STR, STR, STR, INT, INT, STR, STR, STR, STR];
const enc = new TextEncoder();

/** 4,096 index entries all point at one record of 255 EQ_INT criteria on the 21-field type (18,756 bytes). */
export function fanOut(entries = 4096, criteria = 255): Uint8Array {
  const crit = new Uint8Array(criteria * 9);
  for (let j = 0; j < criteria; j++) crit[j * 9] = 1; // EQ_INT 0
  return writeCcf({
    types: [{ id: 1, kinds: IPC_KINDS }],
    records: [record(1, 1, criteria, crit)],
    index: new Array<number>(entries).fill(0),
  });
}

/** One instance per pattern, each a single REGEX criterion on type 2's first (STR) field. */
export function patternsFile(patterns: readonly string[]): Uint8Array {
  const pool: number[] = [];
  const records = patterns.map((pattern, i) => {
    const text = enc.encode(pattern);
    const crit = new Uint8Array(7 + 3);
    const v = new DataView(crit.buffer);
    crit[0] = 5; // REGEX
    v.setUint32(1, pool.length, true);
    v.setUint16(5, text.length, true);
    // criteria 1..3: ANY (type 2 has 4 fields)
    pool.push(...text);
    return record(i + 1, 2, 4, crit);
  });
  return writeCcf({ types: [{ id: 2, kinds: [STR, INT, STR, STR] }], records, pool: Uint8Array.from(pool) });
}

/** `count` distinct patterns of `levels` nested quantified groups: (((a+)+)+)…, each with its own literal. */
export function nestedQuantifierPatterns(count = 100, levels = 15): string[] {
  return Array.from({ length: count }, (_, i) => `${'('.repeat(levels)}a${i}+${')+'.repeat(levels)}$`);
}

/** `count` distinct patterns RE2 is slow to compile (stacked counted repetitions), each with its own literal. */
export function slowCompilePatterns(count = 100): string[] {
  return Array.from({ length: count }, (_, i) => `x${i}${'[a-z]{1,1000}'.repeat(4)}`);
}

/** `n` instances of type 2 with four ANY criteria each (header count over the schema's 65,535 and every consumer's limit). */
export function manyInstances(n = 1_000_000): Uint8Array {
  const crit = new Uint8Array(4);
  const records = Array.from({ length: n }, (_, i) => record(i + 1, 2, 4, crit));
  return writeCcf({ types: [{ id: 2, kinds: [STR, INT, STR, STR] }], records });
}

/** `bytes` random bytes (seeded by nothing: random is the point). */
export const randomFile = (bytes: number): Uint8Array => new Uint8Array(randomBytes(bytes));

/** The placed-array schema that placedTableClaim's bytes are read with (YAML text, parsed by each test). */
export const PLACED_TABLE_SCHEMA = `
format: table
endian: le
root: file
types:
  file:
    seq:
      - { id: count, type: u4 }
      - { id: table_off, type: u4 }
      - { id: records, type: rec, repeat: count, at: table_off + _index * 8 }
  rec:
    seq:
      - { id: a, type: u4 }
      - { id: b, type: u4 }
`;

/**
 * A table of 8-byte records placed at `table_off + _index * 8`, for PLACED_TABLE_SCHEMA: an 8-byte
 * file whose count claims 2^32 - 1.
 */
export function placedTableClaim(count = 0xffffffff): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint32(0, count, true);
  v.setUint32(4, 8, true);
  return out;
}
