import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EncodeError, encode, encodeDetailed, pack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { thrownBy } from '../helpers/thrown.js';

const schema = loadSchema(defaultSchemaPath());

/** Header with nothing pinned; one template type of 3 fields; two instances with ANY / EQ_INT / REGEX. */
const MINIMAL = `
header: {}
types:
  - { type_id: 7, field_kinds: [INT, STR, STR] }
instances:
  - instance_id: 1
    type_id: 7
    action: block
    criteria: [{ op: EQ_INT, value: 42 }, { op: REGEX, text: "^cmd" }, { op: ANY }]
  - instance_id: 2
    type_id: 7
    action: log
    criteria: [{ op: ANY }, { op: ANY }, { op: REGEX, text: "^cmd" }]
`;

const le = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

const errorOf = (fn: () => unknown): EncodeError => thrownBy(EncodeError, fn);

describe('encode: the canonical CCF layout', () => {
  const bytes = pack(schema, MINIMAL, 'minimal.yaml');
  const v = le(bytes);
  // 40 header + (4 + 3) table + 2 × 4 index = 55; records of 8 + 9 + 7 + 1 = 25 and 8 + 1 + 1 + 7 = 17; pool "^cmd".
  const index = 47;
  const rec0 = 55;
  const rec1 = rec0 + 25;
  const pool = rec1 + 17;

  it('writes the header fields at their offsets, derived', () => {
    expect(v.getUint32(0, true)).toBe(0xaaaaaaaa);
    expect(v.getUint16(4, true)).toBe(1);
    expect(v.getUint16(6, true)).toBe(40);
    expect(v.getUint16(8, true)).toBe(291);
    expect(v.getUint16(20, true)).toBe(1); // type_count
    expect(v.getUint32(24, true)).toBe(2); // instance_count
    expect(v.getUint32(28, true)).toBe(pool); // pool_offset
    expect(v.getUint32(32, true)).toBe(4); // pool_size
    expect(v.getUint32(36, true)).toBe(bytes.length); // file_size
    expect(bytes.length).toBe(pool + 4 + 4);
  });

  it('writes the table at 40, then the index, records, pool and CRC', () => {
    expect([...bytes.subarray(40, 47)]).toEqual([7, 0, 3, 0, 1, 2, 2]);
    expect(v.getUint32(index, true)).toBe(rec0);
    expect(v.getUint32(index + 4, true)).toBe(rec1);
    expect(v.getUint32(rec0, true)).toBe(1);
    expect(v.getUint16(rec0 + 4, true)).toBe(7);
    expect([bytes[rec0 + 6], bytes[rec0 + 7], bytes[rec0 + 8]]).toEqual([3, 1, 1]); // count, action block, EQ_INT
    expect(v.getBigUint64(rec0 + 9, true)).toBe(42n);
    expect(bytes[rec0 + 17]).toBe(5); // REGEX
    expect(v.getUint32(rec0 + 18, true)).toBe(0); // str_off
    expect(v.getUint16(rec0 + 22, true)).toBe(4); // str_len
    expect(bytes[rec0 + 24]).toBe(0); // ANY
    expect([...bytes.subarray(rec1 + 6, rec1 + 11)]).toEqual([3, 0, 0, 0, 5]);
    expect(Buffer.from(bytes.subarray(pool, pool + 4)).toString()).toBe('^cmd');
    expect(v.getUint32(bytes.length - 4, true)).toBe(crc32(bytes.subarray(0, bytes.length - 4)));
  });

  it('interns identical strings once: both REGEX criteria point at offset 0', () => {
    expect(bytes[rec1 + 10]).toBe(5);
    expect(v.getUint32(rec1 + 11, true)).toBe(0);
    expect(v.getUint16(rec1 + 15, true)).toBe(4);
    expect(v.getUint32(32, true)).toBe(4); // the pool holds "^cmd" once
  });

  it('agrees byte for byte with the hand-written builder, and decodes with no issues', () => {
    const oracle = buildCcf({
      header: { content_seq: 0n },
      types: [{ id: 7, kinds: ['INT', 'STR', 'STR'] }],
      instances: [
        { id: 1, type: 7, action: 1, criteria: [{ op: 'EQ_INT', value: 42 }, { op: 'REGEX', str: '^cmd' }, { op: 'ANY' }] },
        { id: 2, type: 7, action: 0, criteria: [{ op: 'ANY' }, { op: 'ANY' }, { op: 'REGEX', str: '^cmd' }] },
      ],
    });
    expect(Buffer.from(bytes).equals(Buffer.from(oracle.bytes))).toBe(true);
    const d = decode(schema, bytes);
    expect(d.complete).toBe(true);
    expect(d.issues).toEqual([]);
  });

  it('returns the value with every derived field filled in, equal to the decode', () => {
    const r = encodeDetailed(schema, { types: [{ type_id: 1, field_kinds: [2] }], instances: [{ instance_id: 9, type_id: 1, action: 2, criteria: [{ op: 3, text: 'x' }] }] });
    expect(decode(schema, r.bytes).value).toEqual(r.value);
    expect((r.value.instances as Array<Record<string, unknown>>)[0]!.criteria_count).toBe(1);
  });
});

describe('encode: pinned values and enums', () => {
  const base = { types: [{ type_id: 1, field_kinds: ['INT', 'STR'] }], instances: [{ instance_id: 1, type_id: 1, action: 'log', criteria: [{ op: 'ANY' }, { op: 'EQ_STR', text: 'abc' }] }] };

  it('writes pinned wrong values as given and still derives the rest (the CRC covers them)', () => {
    const bytes = encode(schema, {
      ...base,
      header: { file_size: 999, pool_size: 1 },
      instances: [{ ...base.instances[0], criteria_count: 7, criteria: [{ op: 'ANY' }, { op: 'EQ_STR', text: 'abc', str_len: 300 }] }],
    });
    const v = le(bytes);
    expect(v.getUint32(36, true)).toBe(999);
    expect(v.getUint32(32, true)).toBe(1);
    const rec = v.getUint32(46, true);
    expect(bytes[rec + 6]).toBe(7);
    expect(v.getUint16(rec + 8 + 1 + 1 + 4, true)).toBe(300);
    expect(v.getUint32(bytes.length - 4, true)).toBe(crc32(bytes.subarray(0, bytes.length - 4)));
  });

  it('keeps a pinned index and a pinned CRC', () => {
    const bytes = encode(schema, { ...base, index: [12345], crc: 0xdeadbeef });
    expect(le(bytes).getUint32(46, true)).toBe(12345);
    expect(le(bytes).getUint32(bytes.length - 4, true)).toBe(0xdeadbeef);
  });

  it('accepts enum names and numbers alike', () => {
    const numeric = { types: [{ type_id: 1, field_kinds: [1, 2] }], instances: [{ instance_id: 1, type_id: 1, action: 0, criteria: [{ op: 0 }, { op: 3, text: 'abc' }] }] };
    expect(encode(schema, numeric)).toEqual(encode(schema, base));
  });

  it('writes an undefined opcode with no payload (for hostile test files)', () => {
    const bytes = encode(schema, { ...base, instances: [{ ...base.instances[0], criteria: [{ op: 0 }, { op: 9 }] }] });
    const d = decode(schema, bytes);
    expect(d.issues.map((i) => i.code)).toContain('UNKNOWN_OP');
  });
});

describe('encode: errors name the field path', () => {
  it('reports a derived value out of range at its path', () => {
    const crit = (n: number) => (n === 20 ? { op: 'EQ_STR', text: 'x'.repeat(70000) } : { op: 'ANY' });
    const inst = (id: number) => ({ instance_id: id, type_id: 1, action: 'log', criteria: Array.from({ length: 21 }, (_, n) => crit(id === 2 ? n : 0)) });
    const e = errorOf(() => encode(schema, { types: [{ type_id: 1, field_kinds: Array(21).fill('STR') }], instances: [inst(0), inst(1), inst(2)] }));
    expect(e.message).toMatch(/^instances\[2\]\.criteria\[20\]\.str_len: 70000 is out of range for u2/);
    expect(e.path).toEqual(['instances', 2, 'criteria', 20, 'str_len']);
  });

  it('reports pinned values out of range, unknown names, unknown keys, wrong types and missing fields', () => {
    const t = { type_id: 1, field_kinds: ['INT'] };
    const i = { instance_id: 1, type_id: 1, action: 'log', criteria: [{ op: 'ANY' }] };
    expect(errorOf(() => encode(schema, { types: [{ ...t, type_id: 70000 }], instances: [] })).message).toMatch(/^types\[0\]\.type_id: 70000 is out of range for u2/);
    expect(errorOf(() => encode(schema, { types: [t], instances: [{ ...i, criteria: [{ op: 'MATCH' }] }] })).message).toMatch(/^instances\[0\]\.criteria\[0\]\.op: "MATCH" is not a name of enum opcode/);
    expect(errorOf(() => encode(schema, { types: [t], instances: [{ ...i, colour: 1 }] })).path).toEqual(['instances', 0, 'colour']);
    expect(errorOf(() => encode(schema, { types: [t], instances: [{ ...i, criteria: [{ op: 'ANY', text: 'x' }] }] })).path).toEqual(['instances', 0, 'criteria', 0, 'text']);
    expect(errorOf(() => encode(schema, { types: [{ ...t, type_id: 'one' }], instances: [] })).message).toMatch(/types\[0\]\.type_id: "one" is not an integer/);
    expect(errorOf(() => encode(schema, { types: [t], instances: [{ ...i, instance_id: undefined }] })).message).toMatch(/^instances\[0\]\.instance_id: missing/);
    expect(errorOf(() => encode(schema, { types: [t], instances: [{ ...i, criteria: [{ op: 'EQ_INT' }] }] })).path).toEqual(['instances', 0, 'criteria', 0, 'value']);
    expect(errorOf(() => encode(schema, { types: [t], instances: [{ ...i, criteria: [{ op: 'EQ_STR' }] }] })).message).toMatch(/criteria\[0\]\.str_off: cannot derive/);
    expect(errorOf(() => encode(schema, 42)).path).toEqual([]);
    expect(errorOf(() => encode(schema, { types: t, instances: [] })).message).toMatch(/^types: expected a list/);
  });
});
