import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { buildCcf, type Crit, type Kind } from '../helpers/ccf-bytes.js';
import { ccfConsumers } from '../helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = ccfConsumers();

const crit: fc.Arbitrary<Crit> = fc.oneof(
  fc.constant<Crit>({ op: 'ANY' }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value): Crit => ({ op: 'EQ_INT', value })),
  fc.tuple(fc.bigInt({ min: 0n, max: 100n }), fc.bigInt({ min: 0n, max: 100n })).map(([lo, hi]): Crit => ({ op: 'RANGE_INT', lo, hi })),
  fc.string({ maxLength: 12 }).map((str): Crit => ({ op: 'EQ_STR', str })),
  fc.constantFrom('^cmd\\.exe$', '(a+)+$', '([', 'pipe-[0-9]+').map((str): Crit => ({ op: 'REGEX', str })),
);

/** Well-formed-ish CCF files around the IPC template type: field counts near the 20/21 boundary. */
const ccfFile = fc
  .record({
    kinds: fc.array(fc.constantFrom<Kind>('INT', 'STR'), { minLength: 1, maxLength: 23 }),
    instances: fc.array(fc.array(crit, { minLength: 1, maxLength: 23 }), { maxLength: 3 }),
  })
  .map(({ kinds, instances }) =>
    buildCcf({
      types: [{ id: 1, kinds }],
      instances: instances.map((criteria, i) => ({ id: i + 1, type: 1, criteria: criteria.slice(0, kinds.length) })),
    }).bytes,
  );

const mutated = fc.tuple(ccfFile, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.option(fc.nat())).map(([bytes, flips, cut]) => {
  const out = new Uint8Array(bytes);
  for (const [at, v] of flips) out[at % out.length] = v;
  return cut === null ? out : out.subarray(0, cut % (out.length + 1));
});

describe('validate on files it has never seen', () => {
  it('never throws, on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => { validateBytes('x', bytes, { schema, consumers }); }), { numRuns: 300 });
  });

  it('never throws on mutated files, and never passes a file that a consumer crashes on or refuses', () => {
    fc.assert(
      fc.property(fc.oneof(ccfFile, mutated), (bytes) => {
        const r = validateBytes('x', bytes, { schema, consumers });
        for (const f of r.findings) expect(f.offset).toBeGreaterThanOrEqual(0);
        if (r.consumers.some((c) => c.outcome !== 'load')) expect(r.verdict).toBe('fail');
      }),
      { numRuns: 300 },
    );
  });

  it('reports a crash with the same code, path and offset as a finding', () => {
    fc.assert(
      fc.property(fc.oneof(ccfFile, mutated), (bytes) => {
        const r = validateBytes('x', bytes, { schema, consumers });
        for (const c of r.consumers.filter((c) => c.outcome === 'crash')) {
          expect(r.findings).toContainEqual(expect.objectContaining({ code: c.fault!.code, path: c.fault!.path, offset: c.fault!.offset }));
        }
      }),
      { numRuns: 200 },
    );
  });
});
