import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, explain, ROOT, type FormatName } from './helpers.js';

/** What any explanation must be, whatever the bytes: complete, bounded, and a chain for every crash and refusal. */
function checkBounded(fmt: FormatName, bytes: Uint8Array): void {
  const x = explain(fmt, bytes);
  expect(x.consumers.length).toBeGreaterThan(0);
  expect(JSON.stringify(x).length).toBeLessThan(64 * 1024);
  for (const k of x.consumers) {
    expect(k.hazards.length).toBeLessThanOrEqual(10);
    expect(k.chain.length).toBeLessThanOrEqual(8);
    if (k.outcome === 'crash' || k.outcome === 'reject') {
      expect(k.clause).not.toBe('unknown');
      expect(k.chain.length).toBeGreaterThanOrEqual(2);
    }
    for (const s of [...k.chain, ...k.hazards.flatMap((h) => h.chain)]) {
      expect(s.text.length).toBeLessThan(2_000);
      expect(s.text).not.toMatch(/undefined|NaN|\[object/);
    }
  }
}

const CORPUS: ReadonlyArray<readonly [FormatName, string]> = [['ccf', 'corpus/ccf/codes'], ['sigpack', 'corpus/sigpack'], ['rulebook', 'corpus/rulebook']];

/** A corpus file with some bytes overwritten, maybe cut short: near misses of real files reach deep into the layout. */
function mutants(dir: string): fc.Arbitrary<Uint8Array> {
  const seeds = readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.bin')).map((f) => bytesOf(`${dir}/${f}`));
  return fc.record({
    seed: fc.constantFrom(...seeds),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  }).map(({ seed, edits, cut }) => {
    const b = Uint8Array.from(seed);
    for (const [at, v] of edits) b[at % b.length] = v;
    return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
  });
}

describe('explainFile never throws and stays bounded on hostile bytes (issue 11)', () => {
  it.each(CORPUS)('%s: arbitrary bytes', (fmt) => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => checkBounded(fmt, bytes)), { numRuns: 100, seed: 11 });
  });

  it.each(CORPUS)('%s: mutants of %s', (fmt, dir) => {
    fc.assert(fc.property(mutants(dir), (bytes) => checkBounded(fmt, bytes)), { numRuns: 300, seed: 11 });
  });

  it('zero-filled files and absurd counts', () => {
    checkBounded('ccf', new Uint8Array(4096));
    checkBounded('sigpack', new Uint8Array(4096));
    const absurd = Uint8Array.from(bytesOf('corpus/ccf/codes/clean.bin'));
    new DataView(absurd.buffer).setUint32(24, 0xFFFFFFFF, true); // instance_count
    checkBounded('ccf', absurd);
    const types = Uint8Array.from(bytesOf('corpus/ccf/codes/clean.bin'));
    new DataView(types.buffer).setUint16(20, 0xFFFF, true); // type_count
    checkBounded('ccf', types);
  });
});
