import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeText } from '../../src/codec/encode-text.js';
import { encode } from '../../src/encode/index.js';
import { generateFrom, generateValue, recordedSource } from '../../src/fuzz/generate/index.js';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { decode } from '../../src/parse/index.js';
import { join } from 'node:path';
import { loadSchema, packageRoot, type FormatSchema } from '../../src/schema/index.js';
import { CHUNKS, MIXED, NO_HINTS, SCHEMAS, wellFormed } from './constructs-schemas.js';

type V = Record<string, any>;

/** Values of the clean level only: the generator's first word picks the level, and 0 is the clean one. */
const clean = (schema: FormatSchema): fc.Arbitrary<V> =>
  fc.array(fc.noBias(fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 600, size: 'max' })
    .map((words) => generateFrom(schema, NO_HINTS, recordedSource([0, ...words])));

const values = (schema: FormatSchema, n: number, seed: number): V[] => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => generateValue(schema, NO_HINTS, rng));
};

describe.each(SCHEMAS)('generation for the newer constructs (%s)', (_name, schema) => {
  it('every clean value packs, decodes complete with no finding, and back to itself', () => {
    fc.assert(fc.property(clean(schema), (v) => {
      expect(wellFormed(schema, v)).toBeNull();
    }), { numRuns: 150, seed: 1 });
  });

  it('every value of any level packs, and decoding it never throws', () => {
    for (const v of values(schema, 400, 2)) decode(schema, encode(schema, v));
  });

  it('noisy levels make near misses: some files are not well-formed', () => {
    const bad = values(schema, 400, 3).filter((v) => wellFormed(schema, v) !== null).length;
    expect(bad).toBeGreaterThan(4);
    expect(bad).toBeLessThan(200);
  });

  it('makes a well-formed file from all-zero decisions', () => {
    expect(wellFormed(schema, generateFrom(schema, NO_HINTS, recordedSource([])))).toBeNull();
  });
});

describe('each construct, as generated', () => {
  const chunks = fc.sample(clean(CHUNKS), { numRuns: 300, seed: 4 });
  const mixed = fc.sample(clean(MIXED), { numRuns: 300, seed: 5 });

  it('if: null exactly when the condition is false', () => {
    for (const v of chunks) expect(v.extra === null).toBe(v.flags <= 3);
    for (const v of mixed) expect(v.opt === null).toBe(v.kind !== 1);
  });

  it('repeat until: the last element ends the array (pinned _.kind, _ == 0), no earlier one does', () => {
    for (const v of chunks) {
      const kinds = v.chunks.map((c: V) => c.kind);
      expect(kinds.at(-1)).toBe('IEND');
      expect(kinds.slice(0, -1)).not.toContain('IEND');
    }
    for (const v of mixed) {
      expect(v.nums.at(-1)).toBe(0);
      expect(v.nums.slice(0, -1)).not.toContain(0);
    }
    expect(chunks.some((v) => v.chunks.length > 2)).toBe(true);
  });

  it('switch cases: text keys and other tags for the default; int keys and others; a bytes tag from its keys', () => {
    const kinds = new Set(chunks.flatMap((v) => v.chunks.map((c: V) => c.kind)));
    expect(kinds).toContain('IHDR');
    expect([...kinds].filter((k) => k !== 'IHDR' && k !== 'IEND').length).toBeGreaterThan(5);
    const ints = new Set(mixed.map((v) => v.kind));
    for (const k of [1, 2]) expect(ints).toContain(k);
    expect([...ints].filter((k) => k !== 1 && k !== 2).length).toBeGreaterThan(3);
    for (const v of mixed) expect(['AB', 'CD']).toContain(Buffer.from(v.tag).toString('latin1'));
  });

  it('parametric case: the payload of the default case is its argument long', () => {
    const opaque = chunks.flatMap((v) => v.chunks.filter((c: V) => c.body.data !== undefined));
    expect(opaque.length).toBeGreaterThan(20);
  });

  it('bit fields: within their width, b40 and b64 as bigints', () => {
    for (const v of mixed) {
      expect(v.a).toBeLessThanOrEqual(1);
      expect(v.b).toBeLessThan(128);
      expect(typeof v.c).toBe('bigint');
      expect(v.c < 2n ** 64n).toBe(true);
    }
    for (const v of chunks) {
      expect(v.flags).toBeLessThan(8);
      expect(v.level).toBeLessThan(32);
      for (const c of v.chunks) if (c.kind === 'IHDR') expect(c.body.deep < 2n ** 40n).toBe(true);
    }
  });

  it('encodings and terminators: text the encoding carries, without its terminator', () => {
    for (const v of chunks) {
      expect(encodeText(v.name, 'latin1')).toBeDefined();
      expect(v.name).not.toContain('\u0000');
      expect([...encodeText(v.packed.title, 'utf-16le')!]).not.toContain(0);
    }
    for (const v of mixed) {
      expect(encodeText(v.dos, 'cp437')!.length).toBe(8);
      expect(encodeText(v.be16, 'utf-16be')!.length).toBe(6);
      expect(encodeText(v.asc, 'ascii')).toBeDefined();
      expect(v.asc).not.toContain('\n');
      expect(v.inc.at(-1)).toBe(0x3b); // include: the value ends with its terminator
      expect([...v.inc.subarray(0, -1)]).not.toContain(0x3b);
    }
  });

  it('contents: the magic, which noisy files sometimes change', () => {
    for (const v of chunks) expect(Buffer.from(v.magic).toString()).toBe('PK');
    const all = values(CHUNKS, 600, 6);
    expect(all.some((v) => Buffer.from(v.magic).toString() !== 'PK')).toBe(true);
  });

  it('a fixed-size substream is filled exactly by its repeat eos; size_eos and processed fields get values', () => {
    for (const v of mixed) expect(v.hdr.rest).toHaveLength(5);
    expect(mixed.some((v) => v.tail.length > 0)).toBe(true);
    expect(mixed.some((v) => v.z.length > 20)).toBe(true);
    expect(chunks.some((v) => v.packed.items.length > 1)).toBe(true);
  });

  it('leaves checksums and implied lengths to the encoder', () => {
    for (const v of mixed) for (const k of ['digest', 'ad', 'c16', 'lo16', 'zlen']) expect(v).not.toHaveProperty(k);
    for (const v of chunks) for (const c of v.chunks) {
      expect(c).not.toHaveProperty('length');
      expect(c).not.toHaveProperty('crc');
    }
  });
});

describe('the PNG example schema (schemas/examples/png.yaml)', () => {
  const png = loadSchema(join(packageRoot(), 'schemas', 'examples', 'png.yaml'));

  it('clean values are well-formed PNG: IHDR first and IEND last (the asserts pin them), ICC size == _io.size, CRCs derived', () => {
    fc.assert(fc.property(clean(png), (v) => {
      expect(wellFormed(png, v)).toBeNull();
      expect(v.chunks[0].kind).toBe('IHDR');
      expect(v.chunks.at(-1).kind).toBe('IEND');
    }), { numRuns: 120, seed: 9 });
  });
});

describe('the ZIP example schema (schemas/examples/zip.yaml)', () => {
  const zip = loadSchema(join(packageRoot(), 'schemas', 'examples', 'zip.yaml'));

  it('clean values pack, in bounded time (drawn counts cap struct arrays at 64), and decode without throwing', () => {
    const t = Date.now();
    for (const v of fc.sample(clean(zip), { numRuns: 40, seed: 10 })) {
      expect(v.central_dir?.entries?.length ?? 0).toBeLessThanOrEqual(64);
      decode(zip, encode(zip, v));
    }
    expect(Date.now() - t).toBeLessThan(60_000);
  }, 90_000);

  it('local headers follow the directory (method == entry.method), and methods are drawn from the if branches (0, 8)', () => {
    const vs = fc.sample(clean(zip), { numRuns: 40, seed: 11 });
    const files = vs.flatMap((v) => (v.files ?? []).map((f: V, i: number) => [f.method, v.central_dir.entries[i].method]));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter(([a, b]) => a === b).length / files.length).toBeGreaterThan(0.9);
    expect(files.filter(([a]) => a === 0 || a === 8).length / files.length).toBeGreaterThan(0.5);
  }, 90_000);
});
