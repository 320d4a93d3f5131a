import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRASH_CODES } from '../../src/findings/index.js';
import { CONSUMERS } from './consumers.js';
import type { SimulationResult } from './index.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { GOOD_TYPE2, julyInstance, makeProfile, P711, P716, springInstance, TYPE1, TYPE2 } from './fixtures.js';

const tiny = makeProfile({ name: 'tiny', ops: ['ANY', 'EQ_STR'], limits: { max_instances: 3, regex_max_length: 4 } });
const profiles = [P711, P716, tiny];
const base = buildCcf({ types: [TYPE1, TYPE2], instances: [springInstance(1), GOOD_TYPE2, julyInstance(3)] }).bytes;

function wellFormed(r: SimulationResult): void {
  expect(['reject', 'crash', 'load']).toContain(r.outcome);
  expect(r.fault === null).toBe(r.outcome === 'load');
  if (r.outcome === 'crash') expect(CRASH_CODES).toContain(r.fault!.code);
  for (const issue of r.issues) {
    expect(issue.offset).toBeGreaterThanOrEqual(0);
    expect(issue.profile).toBe(r.profile);
  }
}

type Edit = { kind: 'flip'; at: number; mask: number } | { kind: 'insert'; at: number; byte: number } | { kind: 'delete'; at: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

function apply(bytes: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let out = Array.from(bytes);
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'flip' && out.length > 0) out[at]! ^= e.mask;
    else if (e.kind === 'insert') out = [...out.slice(0, at), e.byte, ...out.slice(at)];
    else if (e.kind === 'delete') out.splice(at, 1);
  }
  return Uint8Array.from(out);
}

describe.each(CONSUMERS)('consumer properties ($name)', ({ simulate: simulateConsumer }) => {
  it('never throws on arbitrary bytes, and its result is well-formed', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
      for (const p of profiles) wellFormed(simulateConsumer(bytes, p));
    }), { numRuns: 200 });
  });

  it('never throws on arbitrary bytes behind a valid header', () => {
    const header = base.subarray(0, 40);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (tail) => {
      const bytes = new Uint8Array(40 + tail.length);
      bytes.set(header);
      bytes.set(tail, 40);
      for (const p of profiles) wellFormed(simulateConsumer(bytes, p));
    }), { numRuns: 200 });
  });

  it('never throws on mutated valid files (flips, inserts, deletes)', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const bytes = apply(base, edits);
      for (const p of profiles) wellFormed(simulateConsumer(bytes, p));
    }), { numRuns: 300 });
  });

  it('is deterministic: the same bytes give the same result', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      const bytes = apply(base, edits);
      expect(simulateConsumer(bytes, P711)).toEqual(simulateConsumer(bytes.slice(), P711));
    }), { numRuns: 100 });
  });
});
