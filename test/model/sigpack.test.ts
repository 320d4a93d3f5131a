/**
 * sigpack's consumer model (schemas/sigpack-v1.consumer.yaml) and its default fleet
 * (profiles/sigpack-v1: scanner-2.3 and scanner-2.4) on every corpus/sigpack file, through
 * validate as `preflight validate --schema schemas/sigpack-v1.yaml` runs it: each .bin is rebuilt
 * from its source, verdict, codes and each version's outcome are what corpus/expectations.yaml
 * states, and each crash is the fault worked out by hand below (code, path, offset), also from
 * simulateModel directly. Every crash class the model can produce has a corpus file, and the
 * fleet's version skew shows: files that crash one version and not the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pack } from '../../src/encode/index.js';
import { loadModelFleet } from '../../src/consumer/index.js';
import { loadModel, simulateModel, type ConsumerModel } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { loadExpectations } from '../helpers/corpus.js';
import { summary } from './compare.js';

const root = join(import.meta.dirname, '..', '..');
const schema = loadSchema(join(root, 'schemas/sigpack-v1.yaml'));
const model = loadModel(join(root, 'schemas/sigpack-v1.consumer.yaml'), schema);
const fleetDir = model.fleetDir!;
const consumers = loadModelFleet(fleetDir, model);
const fleet = consumers.profiles;
const expectations = loadExpectations(root);
const corpusDir = join(root, 'corpus', 'sigpack');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
const sources = walk(corpusDir).filter((f) => f.endsWith('.yaml')).sort();
const keyOf = (source: string): string => relative(join(root, 'corpus'), source).replace(/\.yaml$/, '.bin');
const sigpackKeys = Object.keys(expectations.files).filter((k) => k.startsWith('sigpack/'));

/** The first fault of each crash, per profile (absent: that profile loads or refuses the file). */
const FAULTS: Record<string, Record<string, string>> = {
  'sigpack/exclude-record.bin': { 'scanner-2.3': 'SIG_NO_HANDLER records[2].body @ 41' },
  'sigpack/no-handler.bin': { 'scanner-2.3': 'SIG_NO_HANDLER records[1].body @ 26', 'scanner-2.4': 'SIG_NO_HANDLER records[1].body @ 26' },
  'sigpack/pattern-overflow.bin': { 'scanner-2.3': 'SIG_PATTERN_OVERFLOW records[1].body.text @ 34' },
  'sigpack/regex-invalid.bin': { 'scanner-2.3': 'REGEX_INVALID records[1].body.text @ 34', 'scanner-2.4': 'REGEX_INVALID records[1].body.text @ 34' },
  'sigpack/record-past-end.bin': { 'scanner-2.3': 'READ_PAST_END records[1] @ 25', 'scanner-2.4': 'READ_PAST_END records[1] @ 25' },
  'sigpack/cut-short.bin': { 'scanner-2.3': 'READ_PAST_END records[1] @ 25', 'scanner-2.4': 'READ_PAST_END records[1] @ 25' },
  'sigpack/oob-input-read.bin': { 'scanner-2.3': 'OOB_INPUT_READ records[1].body.conds[1] @ 59' },
  'sigpack/field-out-of-range.bin': { 'scanner-2.3': 'OOB_INPUT_READ records[1].body.conds[1] @ 42', 'scanner-2.4': 'OOB_INPUT_READ records[1].body.conds[1] @ 42' },
  'sigpack/type-confusion.bin': { 'scanner-2.3': 'TYPE_CONFUSION records[1].body.conds[0] @ 34', 'scanner-2.4': 'TYPE_CONFUSION records[1].body.conds[0] @ 34' },
  'sigpack/integrity-as-text.bin': { 'scanner-2.3': 'TYPE_CONFUSION records[1].body.conds[1] @ 47' },
  'sigpack/integrity-as-num.bin': { 'scanner-2.4': 'TYPE_CONFUSION records[1].body.conds[1] @ 47' },
  'sigpack/story/2026-06-09-pack-0340.bin': { 'scanner-2.3': 'OOB_INPUT_READ records[2].body.conds[2] @ 83' },
  'sigpack/story/2026-06-09-pack-0341.bin': { 'scanner-2.3': 'SIG_NO_HANDLER records[2].body @ 45' },
};

/** Every code a consumer of this model can crash with: derived from the model, not listed by hand. */
function crashCodes(m: ConsumerModel): Set<string> {
  const codes = new Set<string>([m.pastEndCode]);
  for (const s of m.switches) codes.add(s.code);
  for (const l of m.lookups) codes.add(l.code);
  for (const b of m.buffers) codes.add(b.code);
  for (const e of m.engines) codes.add(e.code);
  if (m.inputs) codes.add(m.inputs.codes.outOfBounds).add(m.inputs.codes.kind);
  return codes;
}

describe('sigpack: the scanner model and its fleet of two versions', () => {
  it('loads the model, names its default fleet, and reads both versions through it', () => {
    expect(relative(root, fleetDir)).toBe(join('profiles', 'sigpack-v1'));
    expect(fleet.map((p) => p.name)).toEqual(['scanner-2.3', 'scanner-2.4']);
    expect(fleet.map((p) => p.population)).toEqual([5_200_000, 1_900_000]);
    expect([...model.codes.keys()].sort()).toEqual(['SIG_LATENT_FIELD', 'SIG_NO_HANDLER', 'SIG_PATTERN_OVERFLOW']);
    // The skew the profiles hold: PROCESS (2) has 6 inputs on 2.3 and 8 on 2.4, integrity (5) changes kind, EXCLUDE (6) is new.
    expect(fleet.map((p) => p.inputs.get(2)!.length)).toEqual([6, 8]);
    expect(fleet.map((p) => p.inputs.get(2)![5])).toEqual([1, 2]);
    expect(fleet.map((p) => p.tags.get('handlers')!.includes(6))).toEqual([false, true]);
  });

  it('every source has an expectation, and every sigpack expectation a source', () => {
    expect(sources.map(keyOf).sort()).toEqual([...sigpackKeys].sort());
  });

  it.each(sources.map((s) => [keyOf(s), s] as const))('%s: rebuilt byte for byte; outcome per version, codes and verdict as expected', (key, source) => {
    const committed = new Uint8Array(readFileSync(source.replace(/\.yaml$/, '.bin')));
    expect(Buffer.from(pack(schema, readFileSync(source, 'utf8'), source)).equals(Buffer.from(committed))).toBe(true);
    const want = expectations.files[key]!;
    const report = validateBytes(key, committed, { schema, consumers });
    expect([...new Set(report.findings.map((f) => f.code))].sort()).toEqual([...want.codes].sort());
    expect(report.verdict).toBe(want.verdict);
    expect(Object.fromEntries(report.consumers.map((c) => [c.profile, c.outcome]))).toEqual(want.consumers);
    const crashes = report.consumers.filter((c) => c.outcome === 'crash');
    expect(Object.fromEntries(crashes.map((c) => [c.profile, `${c.fault!.code} ${c.fault!.path} @ ${c.fault!.offset}`]))).toEqual(FAULTS[key] ?? {});
    // The interpreter alone says the same.
    const sims = fleet.map((p) => simulateModel(committed, model, p));
    expect(Object.fromEntries(sims.filter((r) => r.outcome === 'crash').map((r) => [r.profile, summary(r).fault]))).toEqual(FAULTS[key] ?? {});
  });

  it('every crash class of the model has a corpus file, and the fleet disagrees on some', () => {
    const seen = new Set<string>();
    const skewed: string[] = [];
    for (const key of sigpackKeys) {
      const outcomes = Object.values(expectations.files[key]!.consumers ?? {});
      if (new Set(outcomes).size > 1) skewed.push(key);
      for (const fault of Object.values(FAULTS[key] ?? {})) seen.add(fault.split(' ')[0]!);
    }
    expect([...crashCodes(model)].filter((c) => !seen.has(c))).toEqual([]);
    for (const code of ['SIG_NO_HANDLER', 'OOB_INPUT_READ', 'TYPE_CONFUSION', 'SIG_PATTERN_OVERFLOW']) {
      expect(skewed.some((k) => Object.values(FAULTS[k] ?? {}).some((f) => f.startsWith(code))), code).toBe(true);
    }
  });

  it('a MATCH record crashes a version exactly where its conditions leave what that version supplies (generated packs)', () => {
    const cond = fc.record({ field: fc.nat({ max: 10 }), kind: fc.constantFrom('OFF', 'NUM', 'TEXT') });
    const KIND = { OFF: 0, NUM: 1, TEXT: 2 } as const;
    fc.assert(fc.property(fc.constantFrom(1, 2, 3), fc.array(cond, { minLength: 1, maxLength: 6 }), (source, conds) => {
      const value = (k: string) => (k === 'NUM' ? '{ hex: "00000001" }' : 'x');
      const text = ['records:', '  - { tag: NAME, body: { text: generated } }', `  - { tag: MATCH, body: { source: ${source}, conds: [${
        conds.map((c) => `{ field: ${c.field}, kind: ${c.kind}, value: ${value(c.kind)} }`).join(', ')}] } }`].join('\n');
      const bytes = pack(schema, text, 'generated.yaml');
      for (const p of fleet) {
        const supplied = p.inputs.get(source);
        // By hand: the first enabled condition (in read order) past the supplied count, or of the other kind.
        let want: string | null = null;
        conds.some((c, j) => {
          if (supplied === undefined || c.kind === 'OFF') return false;
          const code = c.field >= supplied.length ? 'OOB_INPUT_READ' : supplied[c.field] !== KIND[c.kind] ? 'TYPE_CONFUSION' : null;
          if (code) want = `${code} records[1].body.conds[${j}]`;
          return code !== null;
        });
        const r = simulateModel(bytes, model, p);
        expect(r.fault ? `${r.fault.code} records[1].body.conds[${String(r.fault.path[4])}]` : null, `${p.name}: ${text}`).toBe(want);
      }
    }), { numRuns: 200 });
  });
});
