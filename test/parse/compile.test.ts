/**
 * The compiled fast path: schema text never becomes code, unsupported schemas fall back to
 * the interpreter, and compilation happens once per schema.
 */
import { describe, expect, it } from 'vitest';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import { SchemaError, loadSchema, parseSchema, type FieldDef, type FormatSchema, type StructDef } from '../../src/schema/index.js';

const pwned = () => (globalThis as Record<string, unknown>).pwned;

const schemaWith = (seq: string, extra = '') => `
format: probe
root: file
types:
  file:
${extra}
    seq:
${seq}
`;

/** A copy of `schema` whose first field of `type` is replaced. */
function tamper(schema: FormatSchema, type: string, change: (f: FieldDef) => FieldDef): FormatSchema {
  const types = new Map(schema.types);
  const s = types.get(type)!;
  types.set(type, { ...s, fields: [change(s.fields[0]!), ...s.fields.slice(1)] } satisfies StructDef);
  return { ...schema, types };
}

describe('schema text never reaches the generated code', () => {
  it('the loader rejects a field id that is not a plain identifier', () => {
    const evil = schemaWith(`      - { id: "a = (globalThis.pwned = 1)", type: u1 }`);
    expect(() => parseSchema(evil, 'evil.yaml')).toThrow(SchemaError);
  });

  it('code-like text inside expressions is evaluated as data, not pasted into code', () => {
    const text = schemaWith([
      `      - { id: n, type: u1 }`,
      `      - { id: data, type: bytes, size: "len(junk) - len(junk) + n" }`,
      `      - { id: pick, type: { switch_on: "n == 2 ? 1 : junk", cases: { 1: one } } }`,
    ].join('\n'), `    let: { junk: "'\\"); globalThis.pwned = 1; (\\"'" }`) + `  one: { seq: [{ id: x, type: u1 }] }\n`;
    const schema = parseSchema(text, 'data.yaml');
    const fast = compileFastDecoder(schema);
    const code = fast.getCode();
    expect(code).not.toMatch(/pwned|globalThis|junk|len\(/);
    // Every option the schema drives is a function import; the only names are validated field ids and the compiler's own.
    const names = new Set([...code.matchAll(/\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!));
    const own = ['$o', '$e', 'o', 'v', '$parent', '$root', 'call', 'push', 'subarray', 'buffer', 'byteOffset', 'length'];
    for (const name of names) expect(name.startsWith('get') || own.includes(name) || ['n', 'data', 'pick', 'x'].includes(name), name).toBe(true);
    expect(code).not.toContain('$index'); // no context variables: the scope comes from the compiler's frames
    const value = fast.decode(Uint8Array.from([2, 7, 8, 9]))?.value;
    expect(value).toStrictEqual(decode(schema, Uint8Array.from([2, 7, 8, 9])).value);
    expect(fast.decode(Uint8Array.from([1, 7, 8]))).toBeNull(); // the junk string is not an integer tag
    expect(pwned()).toBeUndefined();
  });

  it('a hand-built schema with a hostile field id or case key is refused, not compiled', () => {
    const ccf = loadSchema('schemas/ccf-v1.yaml');
    const evilId = tamper(ccf, 'header', (f) => ({ ...f, id: 'magic = (globalThis.pwned = 1)' }));
    const evilCase = tamper(ccf, 'criterion', (f) => f);
    const crit = evilCase.types.get('criterion')!;
    const args = crit.fields[1]!;
    if (args.type.kind !== 'switch') throw new Error('schema changed');
    const cases = new Map(args.type.cases).set(Number.NaN, 'arg_none');
    (evilCase.types as Map<string, StructDef>).set('criterion', { ...crit, fields: [crit.fields[0]!, { ...args, type: { ...args.type, cases } }] });
    for (const schema of [evilId, evilCase]) {
      const fast = compileFastDecoder(schema);
      expect(fast.unsupported).toMatch(/not a plain identifier|not an integer/);
      expect(fast.getCode()).toBe('');
      expect(fast.decode(new Uint8Array(64))).toBeNull();
      expect(fast.stats.bailed).toBe(1);
    }
    expect(pwned()).toBeUndefined();
  });
});

describe('compiling', () => {
  it('compiles once per schema object', () => {
    const a = parseSchema(schemaWith(`      - { id: n, type: u2 }`), 'a.yaml');
    const b = parseSchema(schemaWith(`      - { id: n, type: u2 }`), 'b.yaml');
    expect(compileFastDecoder(a)).toBe(compileFastDecoder(a));
    expect(compileFastDecoder(a)).not.toBe(compileFastDecoder(b));
  });

  it('leaves a type that contains itself (through a repeat) to the interpreter', () => {
    const text = schemaWith(`      - { id: root, type: node }`) + `  node:\n    seq:\n      - { id: n, type: u1 }\n      - { id: kids, type: node, repeat: n }\n`;
    const schema = parseSchema(text, 'tree.yaml');
    const fast = compileFastDecoder(schema);
    expect(fast.unsupported).toMatch(/contains itself/);
    expect(fast.decode(Uint8Array.from([1, 0]))).toBeNull();
    expect(decode(schema, Uint8Array.from([1, 0])).complete).toBe(true);
  });

  it('bails where an expression needs locations while decoding (offsetof)', () => {
    const schema = parseSchema(schemaWith(`      - { id: n, type: u1 }\n      - { id: rest, type: bytes, size: _io.size - offsetof(n) - 1 }`), 'loc.yaml');
    const fast = compileFastDecoder(schema);
    expect(fast.unsupported).toBeUndefined();
    expect(fast.decode(Uint8Array.from([1, 2, 3]))).toBeNull();
    expect(decode(schema, Uint8Array.from([1, 2, 3])).complete).toBe(true);
  });

  it('never throws, even on input that is not a byte array', () => {
    const fast = compileFastDecoder(loadSchema('schemas/ccf-v1.yaml'));
    expect(fast.decode(undefined as unknown as Uint8Array)).toBeNull();
    expect(fast.decode(new Uint8Array(0))).toBeNull();
  });
});
