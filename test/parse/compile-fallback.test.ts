/**
 * The compiled fast path compiles only what binary-parser can read as the interpreter does.
 * A schema that uses one of issue 10's constructs is refused when it is compiled (the reason in
 * `unsupported`), and every file then goes to the interpreter: callers write
 * `fast.decode(b) ?? decode(schema, b)` and get the interpreter's tree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import { loadSchema, parseSchema } from '../../src/schema/index.js';

const schemaOf = (types: string, head = '') => parseSchema(`format: t\nroot: file\n${head}types:\n${types}`, 'fallback.yaml');
const one = (field: string, extra = '') => schemaOf(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - ${field}\n${extra}`);
const sub = `  sub:\n    seq:\n      - { id: x, type: u1 }\n`;

const refused: Record<string, [ReturnType<typeof schemaOf>, RegExp, number[]]> = {
  'if': [one('{ id: x, type: u1, if: n == 1 }'), /if/, [1, 2]],
  'repeat until': [one('{ id: x, type: u1, repeat: until, repeat_until: _ == 0 }'), /repeat: until/, [1, 0]],
  'repeat eos': [one('{ id: x, type: u1, repeat: eos }'), /repeat: eos/, [1, 0]],
  'size on a struct': [one('{ id: s, type: sub, size: n }', sub), /substream/, [2, 7, 8]],
  'size_eos': [one('{ id: rest, type: bytes, size_eos: true }'), /size_eos/, [1, 2]],
  'strz': [one('{ id: name, type: strz }'), /terminator/, [1, 0x41, 0]],
  'bit fields': [one('{ id: b, type: b3 }'), /bit fields/, [1, 0xff]],
  'an encoding': [one('{ id: s, type: str, size: 1, encoding: latin1 }'), /encoding latin1/, [1, 0xe9]],
  'process': [one('{ id: z, type: bytes, size: n, process: { algo: zlib, limit: 100 } }'), /process/, [0]],
  'text cases': [one(`{ id: s, type: { switch_on: n, cases: { 1: sub, _: sub } } }`, sub), /default case/, [1, 2]],
  'a parametric type': [one('{ id: p, type: "par(n)" }', `  par:\n    params: [{ id: k, type: int }]\n    seq:\n      - { id: d, type: bytes, size: k }\n`), /parametric/, [1, 5]],
  '_io.pos': [one('{ id: d, type: bytes, size: _io.pos }'), /_io.pos/, [1, 5]],
  'a let using find': [schemaOf(`  file:\n    let: { at: 'find("A", 0, _io.size)' }\n    seq:\n      - { id: n, type: u1 }\n`), /uses the stream/, [0x41]],
};

describe('schemas with constructs the fast path does not compile fall back to the interpreter', () => {
  for (const [name, [schema, why, bytes]] of Object.entries(refused)) {
    it(name, () => {
      const fast = compileFastDecoder(schema);
      expect(fast.unsupported).toMatch(why);
      expect(fast.unsupported).toMatch(/interpreter/);
      const input = Uint8Array.from(bytes);
      expect(fast.decode(input)).toBeNull();
      expect(fast.stats).toEqual({ fast: 0, bailed: 1 });
      // The interpreter reads it.
      expect(decode(schema, input).value).toBeDefined();
    });
  }

  it('contents (a fixed-size bytes field) and _io.size still compile', () => {
    const schema = one('{ id: magic, contents: "PK" }\n      - { id: rest, type: bytes, size: _io.size - 3 }');
    const fast = compileFastDecoder(schema);
    expect(fast.unsupported).toBeUndefined();
    const bytes = Uint8Array.from([1, 0x50, 0x4b, 9]);
    expect(fast.decode(bytes)?.value).toStrictEqual(decode(schema, bytes).value);
    expect(fast.stats.fast).toBe(1);
  });
});

describe('the bundled formats are read as before', () => {
  it('CCF is still compiled', () => {
    const schema = loadSchema('schemas/ccf-v1.yaml');
    const fast = compileFastDecoder(schema);
    expect(fast.unsupported).toBeUndefined();
    const bytes = new Uint8Array(readFileSync('corpus/ccf/story/2024-04-24-spring.bin'));
    const before = fast.stats.fast;
    const r = fast.decode(bytes);
    expect(r).not.toBeNull();
    expect(fast.stats.fast).toBe(before + 1);
    expect(r!.value).toStrictEqual(decode(schema, bytes).value);
  });

  it('sigpack is left to the interpreter for the reason it always was (repeat_bytes), not a new construct', () => {
    const schema = loadSchema('schemas/sigpack-v1.yaml');
    const fast = compileFastDecoder(schema);
    expect(fast.unsupported).toMatch(/^arrays sized in bytes \(repeat_bytes\)/);
    const bytes = new Uint8Array(readFileSync('corpus/sigpack/clean.bin'));
    expect(fast.decode(bytes)).toBeNull();
    expect(decode(schema, bytes)).toMatchObject({ complete: true, issues: [] });
  });
});
