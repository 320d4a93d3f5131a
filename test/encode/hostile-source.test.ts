import { describe, expect, it } from 'vitest';
import { EncodeError, pack, unpack } from '../../src/encode/index.js';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema, parseSchema } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

// Issue 7 §4 (pack): each was a silent rounding, a stack overflow or a 5 MB line.
const schema = loadSchema(defaultSchemaPath());
const errorOf = (text: string): EncodeError => thrownBy(EncodeError, () => pack(schema, text, 's.yaml'));
const BASE = `types:\n  - { type_id: 2, field_kinds: [INT] }\ninstances:\n  - { instance_id: 1, type_id: 2, action: log, criteria: [{ op: EQ_INT, value: VALUE }] }\n`;
const withValue = (v: string): string => BASE.replace('VALUE', v);
const valueOf = (bytes: Uint8Array): unknown => {
  const v = decode(schema, bytes).value as { instances: Array<{ criteria: Array<{ value: unknown }> }> };
  return v.instances[0]!.criteria[0]!.value;
};

describe('hostile pack sources', () => {
  it('refuses a number with a fraction instead of rounding it (9007199254740993.0 became ...992)', () => {
    const e = errorOf(withValue('9007199254740993.0'));
    expect(e.message).toMatch(/^s\.yaml:4: instances\[0\]\.criteria\[0\]\.value: 9007199254740993\.0 is not an integer/);
    expect(() => pack(schema, withValue('1.5'), 's.yaml')).toThrow(/1\.5 is not an integer/);
  });

  it('keeps integers exact up to 64 bits', () => {
    expect(valueOf(pack(schema, withValue('9007199254740993'), 's.yaml'))).toBe(9007199254740993n);
    expect(valueOf(pack(schema, withValue('18446744073709551615'), 's.yaml'))).toBe(2n ** 64n - 1n);
    expect(errorOf(withValue('18446744073709551616')).message).toMatch(/out of range for u8/);
  });

  it('reads an 8 MB append_hex without overflowing the stack (a backtracking regex did)', () => {
    const hex = 'ab'.repeat(4 * 1024 * 1024);
    const plain = pack(schema, withValue('1'), 's.yaml');
    const bytes = pack(schema, `${withValue('1')}$edit: { append_hex: "${hex}" }\n`, 's.yaml');
    expect(bytes.length).toBe(plain.length + hex.length / 2);
    expect(bytes[bytes.length - 1]).toBe(0xab);
    expect(errorOf(`${withValue('1')}$edit: { append_hex: "${'ab'.repeat(1000)}g" }\n`).message).toMatch(/not a hex digit \("g" at 2001\)/);
  }, 120_000);

  it('never echoes a huge value back on one line', () => {
    const huge = '9'.repeat(5_000_000);
    const e = errorOf(withValue(huge));
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toMatch(/… \(5,000,000 chars\) is out of range for u8/);
    const big = '9'.repeat(200_000);
    for (const text of [withValue(`"${big}"`), withValue(`${big}.5`)]) {
      const m = errorOf(text).message;
      expect(m.length).toBeLessThan(300);
      expect(m).toMatch(/… \(200,00\d chars\)/);
    }
    expect(errorOf(withValue('x'.repeat(100_000))).message.length).toBeLessThan(300);
  }, 30_000);

  it('accepts an anchor reused 59 times, and refuses an alias bomb in one line', () => {
    const crits = Array.from({ length: 59 }, () => '*c').join(', ');
    const reuse = `types:\n  - { type_id: 2, field_kinds: [${Array(60).fill('INT').join(', ')}] }\ninstances:\n  - { instance_id: 1, type_id: 2, action: log, criteria: [&c { op: EQ_INT, value: 7 }, ${crits}] }\n`;
    expect(pack(schema, reuse, 's.yaml').length).toBeGreaterThan(60 * 9);
    const levels = ['x0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (let i = 1; i < 9; i++) levels.push(`x${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const e = errorOf(`${BASE.replace('VALUE', '1')}${levels.map((l) => `# ${l}`).join('\n')}\nbomb: { ${levels.join(', ').replace(/x(\d): /g, 'x$1: ')} }\n`.replace(/^# .*\n/gm, ''));
    expect(e.message).toMatch(/^s\.yaml:\d+: bomb\.x\d\[\d\]: aliases expand to more than 200,000 nodes/);
    expect(e.message).not.toContain('\n');
  });

  it('a field named constructor packs and unpacks like any other', () => {
    const s = parseSchema('format: t\nroot: file\ntypes:\n  file:\n    seq:\n      - { id: constructor, type: u1 }\n      - { id: value_of, type: u1, repeat: constructor }\n', 'c.yaml');
    const bytes = pack(s, 'constructor: 2\nvalue_of: [5, 6]\n', 'c.yaml');
    expect([...bytes]).toEqual([2, 5, 6]);
    expect(Buffer.from(pack(s, unpack(s, bytes), 'u.yaml')).equals(Buffer.from(bytes))).toBe(true);
    // Absent, `constructor` is missing: not Object.prototype.constructor, "got function Object()".
    expect(thrownBy(EncodeError, () => pack(s, 'value_of: [5]\n', 'c.yaml')).message).toMatch(/constructor: missing/);
  });
});
