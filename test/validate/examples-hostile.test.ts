import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressedTextChunk, iccChunk, makePng, textChunk } from '../examples/make-png.js';
import { makeZip } from '../examples/make-zip.js';
import { exampleSchema } from '../examples/validate-example.js';
import { validateBytes } from '../../src/validate/index.js';
import { PLACEHOLDERS } from '../findings/detail-shapes.js';

/**
 * The checks over schemas that use the new constructs (substreams, text cases, processed streams,
 * checksums of decompressed data, contents, if, repeat until): on mutated real files they never
 * throw, every finding has a code, path and offset inside the file, and no message holds a placeholder.
 */
const png = makePng({ before: [textChunk('Title', 'July'), compressedTextChunk('Comment', 'x'.repeat(300)), iccChunk('sRGB')] });
const zip = makeZip([{ name: 'a.txt', data: new TextEncoder().encode('hello '.repeat(50)) }, { name: 'b.bin', data: Uint8Array.from([1, 2, 3]), method: 0 }], 'comment');

const mutation = (base: Uint8Array) => fc.oneof(
  fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }).map((flips) => {
    const b = Uint8Array.from(base);
    for (const [at, mask] of flips) b[at] = b[at]! ^ mask;
    return b;
  }),
  fc.nat({ max: base.length }).map((n) => base.slice(0, n)),
  fc.uint8Array({ maxLength: 200 }),
);

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe('checks on the example formats never throw on mutated files', () => {
  it('png: every byte is covered (signature contents, chunk CRCs, lengths, IEND last): no changed file passes', () => {
    const schema = exampleSchema('png');
    fc.assert(
      fc.property(mutation(png), (bytes) => {
        fc.pre(!same(bytes, png));
        expect(validateBytes('png.bin', bytes, { schema }).verdict).toBe('fail');
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  for (const [name, base] of [['png', png], ['zip', zip]] as const) {
    it(`${name}: bounded findings with clean messages`, () => {
      const schema = exampleSchema(name);
      expect(validateBytes(`${name}.ok`, base, { schema }).verdict).toBe('pass');
      fc.assert(
        fc.property(mutation(base), (bytes) => {
          const r = validateBytes(`${name}.bin`, bytes, { schema });
          expect(r.verdict).not.toBe('error');
          for (const f of r.findings) {
            expect(f.offset).toBeGreaterThanOrEqual(0);
            expect(f.offset).toBeLessThanOrEqual(Math.max(0, bytes.length));
            for (const word of PLACEHOLDERS) expect(f.message).not.toContain(word);
          }
        }),
        { numRuns: 150 },
      );
    }, 60_000);
  }
});
