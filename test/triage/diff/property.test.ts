/**
 * Properties over hostile input: a file diffed with itself shows nothing, and a diff of any two
 * byte strings (random, mutated corpus files, unrelated formats' files) never throws and stays
 * bounded in the changes it lists and the text it prints.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffFiles, diffJson, renderDiffText, type FileDiff } from '../../../src/triage/diff/index.js';
import { ccfConsumers } from '../../helpers/consumers.js';
import { bytesOf, ccfSchema, ROOT } from './helpers.js';

const CORPUS = [
  ...readdirSync(join(ROOT, 'corpus/ccf/codes')).filter((f) => f.endsWith('.bin')).map((f) => `corpus/ccf/codes/${f}`),
  ...readdirSync(join(ROOT, 'corpus/ccf/story')).filter((f) => f.endsWith('.bin')).map((f) => `corpus/ccf/story/${f}`),
  'corpus/sigpack/clean.bin',
].map(bytesOf);

const MAX = 20;

/** A corpus file with bytes overwritten, a cut, or bytes inserted: near misses that reach deep into the decoder. */
const mutated = fc.record({
  file: fc.nat({ max: CORPUS.length - 1 }),
  edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 6 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
  insert: fc.option(fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }), { nil: undefined }),
}).map(({ file, edits, cut, insert }) => {
  let b = CORPUS[file]!.slice();
  for (const e of edits) if (b.length > 0) b[e.at % b.length] = e.byte;
  if (insert !== undefined) {
    const at = insert.at % (b.length + 1);
    b = new Uint8Array([...b.subarray(0, at), ...insert.bytes, ...b.subarray(at)]);
  }
  return cut !== undefined && b.length > 0 ? b.subarray(0, cut % b.length) : b;
});

const anyFile = fc.oneof(mutated, fc.uint8Array({ maxLength: 700 }), fc.constantFrom(...CORPUS));

const diff = (a: Uint8Array, b: Uint8Array): FileDiff => diffFiles({ schema: ccfSchema(), consumers: ccfConsumers(), oldBytes: a, newBytes: b, maxChanges: MAX });

describe('diff properties', () => {
  it('a file diffed with a copy of itself has no changes, no finding changes, and no consumer change', () => {
    fc.assert(fc.property(anyFile, (bytes) => {
      const d = diff(bytes, bytes.slice());
      expect(d.identical).toBe(true);
      expect(d.changes).toEqual([]);
      expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0, omitted: 0, layoutFollowed: 0 });
      expect(d.findings.appearedTotal + d.findings.resolvedTotal).toBe(0);
      expect(d.consumers.every((c) => c.change === 'same')).toBe(true);
    }), { numRuns: 60, seed: 11 });
  });

  it('never throws on any two files, lists at most --max-changes, and prints bounded text and JSON', () => {
    fc.assert(fc.property(anyFile, anyFile, (a, b) => {
      const d = diff(a, b);
      expect(d.changes.length).toBeLessThanOrEqual(MAX);
      expect(d.findings.appeared.length).toBeLessThanOrEqual(MAX);
      expect(d.findings.resolved.length).toBeLessThanOrEqual(MAX);
      const listed = d.counts.added + d.counts.removed + d.counts.changed;
      expect(d.changes.length + d.counts.omitted).toBe(listed);
      for (const c of d.changes) expect((c.content ?? []).length).toBeLessThanOrEqual(12);
      const text = renderDiffText(d, { old: 'a', new: 'b' }, true);
      expect(text.length).toBeLessThan(200_000);
      expect(() => JSON.parse(diffJson(d, { old: 'a', new: 'b' }))).not.toThrow();
      expect(d.worse).toBe(d.consumers.some((c) => c.change === 'worse'));
    }), { numRuns: 80, seed: 12 });
  });

  it('diffing a file against a mutation never throws, and the reverse diff mirrors each outcome change', () => {
    const mirror = { worse: 'better', better: 'worse', same: 'same', moved: 'moved' } as const;
    fc.assert(fc.property(fc.nat({ max: CORPUS.length - 1 }), mutated, (i, m) => {
      const a = CORPUS[i]!;
      const there = diff(a, m);
      const back = diff(m, a);
      expect(back.consumers.map((c) => c.change)).toEqual(there.consumers.map((c) => mirror[c.change]));
      expect(back.identical).toBe(there.identical);
    }), { numRuns: 40, seed: 13 });
  });
});
