/**
 * diff knows no format: on PNG and ZIP (schemas with no consumer model, text-tagged switches,
 * compressed fields) and sigpack, it names changes in the schema's terms, a file diffed with
 * itself shows nothing, and mutated files never make it throw.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchema, type FormatSchema } from '../../../src/schema/index.js';
import { diffFiles } from '../../../src/triage/diff/index.js';
import { compressedTextChunk, makePng, textChunk } from '../../examples/make-png.js';
import { makeZip } from '../../examples/make-zip.js';
import { defaultConsumers } from '../../helpers/consumers.js';
import { bytesOf, ROOT } from './helpers.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const png = loadSchema(join(ROOT, 'schemas/examples/png.yaml'));
const zip = loadSchema(join(ROOT, 'schemas/examples/zip.yaml'));
const sigpackFile = join(ROOT, 'schemas/sigpack-v1.yaml');
const sigpack = loadSchema(sigpackFile);

const diff = (schema: FormatSchema, a: Uint8Array, b: Uint8Array, consumers = undefined as ReturnType<typeof defaultConsumers>) =>
  diffFiles({ schema, consumers, oldBytes: a, newBytes: b, maxChanges: 30 });

describe('other formats', () => {
  it('PNG: a text chunk inserted before the image data is one addition; the chunks after it are matched', () => {
    const a = makePng({ before: [textChunk('Title', 'spring')] });
    const b = makePng({ before: [textChunk('Title', 'spring'), compressedTextChunk('Comment', 'inserted')] });
    const d = diff(png, a, b);
    expect(d.counts).toMatchObject({ added: 1, removed: 0, changed: 0 });
    expect(d.consumers).toEqual([]);
    expect(d.worse).toBe(false);
  });

  it('PNG: a changed text value is one field change, in text', () => {
    const d = diff(png, makePng({ before: [textChunk('Title', 'spring')] }), makePng({ before: [textChunk('Title', 'summer')] }));
    expect(d.changes.flatMap((c) => (c.fields ?? []).map((f) => `${f.old} → ${f.new}`))).toContain('"spring" → "summer"');
  });

  it('ZIP: an entry whose content changed is listed; the others are not', () => {
    const a = makeZip([{ name: 'a.txt', data: text('one') }, { name: 'b.txt', data: text('two') }]);
    const b = makeZip([{ name: 'a.txt', data: text('one') }, { name: 'b.txt', data: text('TWO') }]);
    const d = diff(zip, a, b);
    expect(d.counts.changed).toBeGreaterThan(0);
    expect(d.changes.every((c) => !c.path.includes('[0]'))).toBe(true);
  });

  const samples: Array<[string, FormatSchema, Uint8Array[]]> = [
    ['png', png, [makePng(), makePng({ before: [textChunk('k', 'v'), compressedTextChunk('c', 'zz')] })]],
    ['zip', zip, [makeZip([{ name: 'a', data: text('x') }]), makeZip([{ name: 'a', data: text('x') }, { name: 'dir/b', data: text('yy') }], 'note')]],
    ['sigpack', sigpack, ['clean', 'oob-input-read', 'too-many-records', 'cut-short'].map((n) => bytesOf(`corpus/sigpack/${n}.bin`))],
  ];

  it.each(samples)('%s: mutated files never make it throw; a file diffed with a copy of itself shows nothing', (name, schema, files) => {
    const consumers = name === 'sigpack' ? defaultConsumers(sigpackFile, sigpack) : undefined;
    const mutant = fc.tuple(fc.nat({ max: files.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.option(fc.nat(), { nil: undefined }))
      .map(([i, edits, cut]) => {
        const b = Buffer.from(files[i]!);
        for (const [at, v] of edits) b[at % b.length] = v;
        return new Uint8Array(cut === undefined ? b : b.subarray(0, cut % b.length));
      });
    fc.assert(fc.property(mutant, mutant, (a, b) => {
      const d = diff(schema, a, b, consumers);
      expect(d.changes.length).toBeLessThanOrEqual(30);
      const self = diff(schema, a, a.slice(), consumers);
      expect(self.changes).toEqual([]);
      expect(self.counts.layoutFollowed).toBe(0);
    }), { numRuns: 25, seed: 21 });
  });
});
