import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EncodeError, encode, formatSource, pack, parseSource } from '../../src/encode/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

const schema = loadSchema(defaultSchemaPath());

const SOURCE = `types:
  - { type_id: 0x10, field_kinds: [INT, STR] }
instances:
  - instance_id: 1
    type_id: 16
    action: kill
    criteria:
      - { op: RANGE_INT, lo: 1, hi: "18446744073709551615" }
      - { op: PREFIX_STR, text: "C:\\\\Windows" }
`;

const errorOf = (fn: () => unknown): EncodeError => thrownBy(EncodeError, fn);

describe('parseSource', () => {
  it('reads hex ints, u8 digit strings and enum names into decoder conventions', () => {
    const v = parseSource(schema, SOURCE, 's.yaml');
    const types = v.types as Array<Record<string, unknown>>;
    expect(types[0]).toEqual({ type_id: 16, field_kinds: [1, 2] });
    const crit = (v.instances as Array<{ criteria: unknown[]; action: unknown }>)[0]!;
    expect(crit.action).toBe(2);
    expect(crit.criteria[0]).toEqual({ op: 2, lo: 1n, hi: 2n ** 64n - 1n });
    expect(crit.criteria[1]).toEqual({ op: 4, text: 'C:\\Windows' });
  });

  it('reads bytes as text or {hex}', () => {
    const a = parseSource(schema, `${SOURCE}pool: "C:\\\\Windows"\n`, 's.yaml');
    const b = parseSource(schema, `${SOURCE}pool: { hex: "433a5c57696e646f7773" }\n`, 's.yaml');
    expect(a.pool).toEqual(new Uint8Array(Buffer.from('C:\\Windows')));
    expect(b.pool).toEqual(a.pool);
  });

  it('names the path and line of an unknown key', () => {
    const e = errorOf(() => parseSource(schema, SOURCE.replace('    action: kill\n', '    action: kill\n    actoin: log\n'), 'bad.yaml'));
    expect(e.message).toBe('bad.yaml:7: instances[0].actoin: unknown field "actoin" in instance (its fields: instance_id, type_id, criteria_count, action, criteria)');
    expect(e.line).toBe(7);
  });

  it('names the line of a bad value, an unknown enum name, and invalid YAML', () => {
    expect(errorOf(() => pack(schema, SOURCE.replace('op: RANGE_INT', 'op: RANGE'), 'x.yaml')).message).toMatch(/^x\.yaml:8: instances\[0\]\.criteria\[0\]\.op: "RANGE" is not a name of enum opcode/);
    expect(errorOf(() => pack(schema, SOURCE.replace('type_id: 16', 'type_id: 65536'), 'x.yaml')).message).toMatch(/^x\.yaml:5: instances\[0\]\.type_id: 65536 is out of range/);
    expect(errorOf(() => pack(schema, 'types: [', 'x.yaml')).message).toMatch(/^x\.yaml:1: \(file\): not valid YAML/);
  });
});

describe('$edit', () => {
  const clean = pack(schema, SOURCE, 's.yaml');

  it('truncates, patches and appends after encoding, in the order written', () => {
    expect(pack(schema, `${SOURCE}$edit: { truncate: 50 }\n`, 's.yaml')).toEqual(clean.slice(0, 50));
    const patched = pack(schema, `${SOURCE}$edit: { patch: [{ offset: 0, hex: "BBBB" }, { offset: 6, hex: "2900" }] }\n`, 's.yaml');
    expect([...patched.subarray(0, 8)]).toEqual([0xbb, 0xbb, 0xaa, 0xaa, 1, 0, 0x29, 0]);
    expect(patched.subarray(8)).toEqual(clean.subarray(8));
    const grown = pack(schema, `${SOURCE}$edit: { append_hex: "dead beef" }\n`, 's.yaml');
    expect(grown).toEqual(Uint8Array.from([...clean, 0xde, 0xad, 0xbe, 0xef]));
    const listed = pack(schema, `${SOURCE}$edit: [{ append_hex: "00" }, { truncate: 10 }]\n`, 's.yaml');
    expect(listed).toEqual(clean.slice(0, 10));
  });

  it('is kept by parseSource, so encode(parseSource(x)) equals pack(x)', () => {
    const text = `${SOURCE}$edit: { truncate: 12 }\n`;
    expect(encode(schema, parseSource(schema, text, 's.yaml'))).toEqual(pack(schema, text, 's.yaml'));
  });

  it('reports bad edits with their path and line', () => {
    expect(errorOf(() => pack(schema, `${SOURCE}$edit: { truncate: 100000 }\n`, 'e.yaml')).message).toMatch(/^e\.yaml:10: \$edit\.truncate: cannot truncate to 100000 bytes/);
    expect(errorOf(() => pack(schema, `${SOURCE}$edit:\n  patch:\n    - { offset: ${clean.length - 1}, hex: "0000" }\n`, 'e.yaml')).message).toMatch(/^e\.yaml:12: \$edit\.patch\[0\]: patch of 2 bytes/);
    expect(errorOf(() => pack(schema, `${SOURCE}$edit: { append_hex: "abc" }\n`, 'e.yaml')).message).toMatch(/append_hex: "abc" is not an even number of hex digits/);
    expect(errorOf(() => pack(schema, `${SOURCE}$edit: { shuffle: 1 }\n`, 'e.yaml')).path).toEqual(['$edit', 'shuffle']);
  });

  it('builds a file whose CRC covers the pre-edit bytes (the edit is what breaks it)', () => {
    const cut = pack(schema, `${SOURCE}$edit: { patch: [{ offset: 8, hex: "0000" }] }\n`, 's.yaml');
    const crc = new DataView(cut.buffer).getUint32(cut.length - 4, true);
    expect(crc).toBe(crc32(clean.subarray(0, clean.length - 4)));
    expect(crc).not.toBe(crc32(cut.subarray(0, cut.length - 4)));
  });
});

describe('formatSource', () => {
  it('prints enum names, bytes as text or hex, big u8 as strings, and a leading comment', () => {
    const value = parseSource(schema, `${SOURCE}pool: { hex: "00ff" }\n`, 's.yaml');
    const text = formatSource(schema, value, { comment: ['first line', 'second'] });
    expect(text.startsWith('# first line\n# second\n')).toBe(true);
    expect(text).toContain('{ op: RANGE_INT, lo: 1, hi: "18446744073709551615" }');
    expect(text).toContain('action: kill');
    expect(text).toContain('pool: { hex: 00ff }');
    expect(parseSource(schema, text, 'again.yaml')).toEqual(value);
    expect(parseYaml(formatSource(schema, { ...value, pool: new Uint8Array(Buffer.from('plain text')) })).pool).toBe('plain text');
  });
});
