import { describe, expect, it } from 'vitest';
import { parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

const run = (schema: ReturnType<typeof parseSchema>, bytes: number[]) => validateBytes('t.bin', Uint8Array.from(bytes), { schema });

describe('contents: magic bytes', () => {
  const png = parseSchema(`
format: magic
endian: be
root: file
types:
  file:
    seq:
      - { id: magic, contents: [0x89, 'PNG', 0x0D, 0x0A, 0x1A, 0x0A] }
      - { id: version, type: u1, contents: [1], contents_code: BAD_VERSION }
`, 'magic.yaml');
  const GOOD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01];

  it('matching bytes pass', () => {
    expect(run(png, GOOD).verdict).toBe('pass');
  });

  it("a mismatch is the field's contents code at its path and offset, with expected and actual bytes", () => {
    const r = run(png, [0x89, 0x50, 0x4e, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0x02]);
    expect(r.findings.map((f) => [f.code, f.path, f.offset])).toEqual([['BAD_MAGIC', 'magic', 0], ['BAD_VERSION', 'version', 8]]);
    const magic = r.findings[0]!;
    expect(magic.details?.expected).toEqual(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(magic.details?.actual).toEqual(Uint8Array.from([0x89, 0x50, 0x4e, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(magic.message).toBe('magic is 89 50 4e 46 0d 0a 1a 0a, expected 89 50 4e 47 0d 0a 1a 0a');
    expect(r.findings[1]!.message).not.toContain('undefined');
  });

  it('a file too short for the magic is TRUNCATED, not also a magic mismatch', () => {
    const r = run(png, [0x89, 0x50]);
    expect(r.findings.map((f) => f.code)).toEqual(['TRUNCATED']);
  });
});

describe('if: a field whose condition is false has no rules', () => {
  const schema = parseSchema(`
format: opt
endian: le
root: file
types:
  file:
    seq:
      - { id: flags, type: u1 }
      - id: extra
        type: u1
        if: (flags & 1) == 1
        valid: [{ max: 10, code: BAD_VALUE }, { expr: 'extra != 7', code: CONSTRAINT }]
      - id: sum
        type: u4
        if: (flags & 2) == 2
        checksum: { algo: crc32, from: 0, to: 1, code: CRC_MISMATCH }
      - { id: tail, type: u1, valid: [{ eq: 0, code: BAD_VALUE }] }
`, 'opt.yaml');

  it('absent fields (null) are not checked, and their rules are not counted as unevaluable', () => {
    const r = run(schema, [0, 0]);
    expect(r.verdict).toBe('pass');
    expect(r.findings).toEqual([]);
  });

  it('present fields are checked as usual', () => {
    expect(run(schema, [1, 11, 0]).findings.map((f) => [f.code, f.path])).toEqual([['BAD_VALUE', 'extra']]);
    expect(run(schema, [1, 7, 0]).findings.map((f) => [f.code, f.path])).toEqual([['CONSTRAINT', 'extra']]);
    expect(run(schema, [2, 0, 0, 0, 0, 0]).findings.map((f) => [f.code, f.path])).toEqual([['CRC_MISMATCH', 'sum']]);
  });
});
