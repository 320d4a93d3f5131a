/**
 * The new constructs on hostile files: every loop stops (at the stream's end, at the node budget,
 * or at an element that takes no bytes), decompression never runs past its limit, and nothing
 * throws. fast-check draws the bytes.
 */
import fc from 'fast-check';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../src/budget/work-budget.js';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';

const schemaOf = (types: string) => parseSchema(`format: t\nroot: file\ntypes:\n${types}`, 't.yaml');

describe('loops on hostile files', () => {
  it('repeat until that never holds stops at the node budget', () => {
    const schema = schemaOf(`  file:\n    seq:\n      - { id: items, type: u1, repeat: until, repeat_until: _ == 0 }\n`);
    const d = decode(schema, new Uint8Array(200_000).fill(1), { budget: new WorkBudget(200_000, { nodes: 5000 }) });
    expect(d.issues.map((i) => i.code)).toEqual(['DECODE_BUDGET']);
    expect((d.value.items as unknown[]).length).toBeLessThanOrEqual(5000);
  });

  it('repeat eos of elements whose every field is skipped by if stops at once', () => {
    const schema = schemaOf(`  file:\n    seq:\n      - { id: recs, type: rec, repeat: eos }\n  rec:\n    seq:\n      - { id: x, type: u1, if: "false" }\n`);
    const d = decode(schema, new Uint8Array(100));
    expect(d.issues).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: ['recs', 0] })]);
  });

  it('a terminator is never searched past the substream', () => {
    const schema = schemaOf(`  file:\n    seq:\n      - { id: body, type: rec, size: 2 }\n      - { id: after, type: u1 }\n  rec:\n    seq:\n      - { id: name, type: strz }\n`);
    const d = decode(schema, Uint8Array.from([0x41, 0x42, 0]));
    expect(d.issues).toEqual([expect.objectContaining({ code: 'TRUNCATED', path: ['body', 'name'], details: expect.objectContaining({ substream: 'body' }) })]);
    expect(d.value.after).toBe(0);
  });

  it('a struct that decompresses into itself stops at the nesting bound', () => {
    // Each level holds the next one compressed: the file is small, the recursion as deep as it says.
    let inner = Uint8Array.from([0]);
    for (let i = 0; i < 300; i++) inner = Uint8Array.from([1, ...deflateSync(inner)]);
    const schema = schemaOf(`  file:\n    seq:\n      - { id: n, type: node }\n  node:\n    seq:\n      - { id: more, type: u1 }\n      - { id: next, type: node, size_eos: true, process: { algo: zlib, limit: 100000 }, if: more == 1 }\n`);
    const d = decode(schema, inner);
    expect(d.issues.map((i) => i.code)).toContain('DECODE_BUDGET');
  });
});

describe('no bytes make the decoder throw', () => {
  const schema = schemaOf([
    `  file:\n    seq:`,
    `      - { id: flag, type: b1 }`,
    `      - { id: kind, type: b7 }`,
    `      - { id: name, type: strz, encoding: cp437 }`,
    `      - { id: sized, type: rec, size: kind % 8 }`,
    `      - { id: z, type: bytes, size: kind % 16, process: { algo: deflate, limit: 64 }, if: flag == 1 }`,
    `      - { id: recs, type: "rec2(kind % 3)", repeat: until, repeat_until: _.t == 0 || _io.eof }`,
    `      - { id: rest, type: u2, repeat: eos }`,
    `  rec:\n    seq:\n      - { id: t, type: str, size: 2, encoding: utf-16le, utf8_code: BAD_UTF8 }`,
    `      - { id: more, type: u1, repeat: eos }`,
    `  rec2:\n    params: [{ id: w, type: int }]\n    seq:`,
    `      - { id: t, type: u1 }`,
    `      - { id: body, size: w, type: { switch_on: t, cases: { 1: rec, '"x"': rec, _: rec } } }`,
  ].join('\n') + '\n');

  /** Every node of the tree with its path (bytes and strings are leaves). */
  function* nodes(v: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
    if (path.length) yield path;
    if (v instanceof Uint8Array || typeof v !== 'object' || v === null) return;
    for (const [k, child] of Object.entries(v)) yield* nodes(child, [...path, Array.isArray(v) ? Number(k) : k]);
  }

  it('random input: findings and every located node lie inside the file', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const d = decode(schema, bytes);
      for (const i of d.issues) {
        expect(typeof i.code).toBe('string');
        expect(i.offset).toBeGreaterThanOrEqual(0);
        expect(i.offset).toBeLessThanOrEqual(bytes.length);
      }
      for (const path of nodes(d.value)) {
        const loc = d.locate(path);
        if (!loc) continue;
        expect(loc.offset).toBeGreaterThanOrEqual(0);
        expect(loc.offset + loc.size).toBeLessThanOrEqual(bytes.length);
      }
    }), { numRuns: 300 });
  });

  it('well-formed input with compressed data decodes completely', () => {
    const z = deflateRawSync(Uint8Array.from([1, 2, 3]));
    // kind = the compressed length (5): a 5-byte substream (rec "A" + 3 bytes), z, then rec2(5 % 3 = 2) with tag 0 ending the array.
    const kind = z.length;
    expect(kind % 3).toBe(2);
    const bytes = Uint8Array.from([0x80 | kind, 0x41, 0, 0x41, 0, ...new Array<number>(kind % 8 - 2).fill(9), ...z, 0, 0x41, 0]);
    const d = decode(schema, bytes);
    expect(d.issues).toEqual([]);
    expect([...(d.value.z as Uint8Array)]).toEqual([1, 2, 3]);
  });
});
