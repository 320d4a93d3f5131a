/**
 * The model-driven consumer (src/model, driven by schemas/ccf-v1.consumer.yaml) against the
 * hand-written CCF consumer (test/oracle): the same outcome, fault code, path and
 * offset, and the same set of issues (code, path, offset), on every corpus file with both default
 * profiles, and on generated and mutated files with generated profiles. MODEL_DIFF_RUNS=100000
 * runs the long version (about 11 minutes on the 2-core machine).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFleet } from '../oracle/index.js';
import { loadModel, loadModelProfile, parseModel, simulateModel } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { simulateConsumer } from '../oracle/index.js';
import { caseArbitrary, hostileArbitrary } from './arbitraries.js';
import { summary, toModelProfile } from './compare.js';

const schema = loadSchema('schemas/ccf-v1.yaml');
const model = loadModel('schemas/ccf-v1.consumer.yaml', schema);
const FLEET = 'profiles/default';
const fleet = loadFleet(FLEET);
const modelFleet = fleet.map((p) => loadModelProfile(p.source, model));
const corpus = ['corpus/ccf/codes', 'corpus/ccf/story'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => join(dir, f)));
const RUNS = Number(process.env.MODEL_DIFF_RUNS ?? 300);

describe('model-driven consumer vs the hand-written simulator', () => {
  it('agrees on every corpus file with both default profiles', () => {
    expect(corpus.length).toBeGreaterThan(30);
    let agreed = 0;
    for (const file of corpus) {
      const bytes = readFileSync(file);
      fleet.forEach((p, i) => {
        expect(summary(simulateModel(bytes, model, modelFleet[i]!)), `${file} on ${p.name}`).toEqual(summary(simulateConsumer(bytes, p)));
        agreed++;
      });
    }
    expect(agreed).toBe(corpus.length * 2);
  });

  it(`agrees on ${RUNS} generated and mutated files with generated profiles`, () => {
    const outcomes = new Set<string>();
    fc.assert(fc.property(caseArbitrary(schema), ({ bytes, profile }) => {
      const expected = simulateConsumer(bytes, profile);
      outcomes.add(expected.fault?.code ?? expected.outcome);
      expect(summary(simulateModel(bytes, model, toModelProfile(profile, model)))).toEqual(summary(expected));
    }), { numRuns: RUNS });
    // The sample reaches the load phase and its faults, not only refusals.
    for (const code of ['load', 'READ_PAST_END', 'UNKNOWN_OP', 'TRUNCATED']) expect(outcomes).toContain(code);
  }, 600_000);

  it(`agrees on ${RUNS} hostile files from the byte builder (duplicate types, bad kinds, cut opcodes, stray references)`, () => {
    const outcomes = new Set<string>();
    fc.assert(fc.property(hostileArbitrary(), ({ bytes, profile }) => {
      const expected = simulateConsumer(bytes, profile);
      outcomes.add(expected.fault?.code ?? expected.outcome);
      expect(summary(simulateModel(bytes, model, toModelProfile(profile, model)))).toEqual(summary(expected));
    }), { numRuns: RUNS });
    for (const code of ['load', 'READ_PAST_END', 'UNKNOWN_TEMPLATE']) expect(outcomes).toContain(code);
  }, 600_000);

  it('agrees on random bytes, bare and behind a valid header (and never throws)', () => {
    const header = readFileSync('corpus/ccf/codes/clean.bin').subarray(0, 40);
    const tail = fc.uint8Array({ maxLength: 1024 });
    const bytes = fc.oneof(tail, tail.map((t) => Uint8Array.from([...header, ...t])));
    fc.assert(fc.property(bytes, fc.constantFrom(0, 1), (b, i) => {
      expect(summary(simulateModel(b, model, modelFleet[i]!))).toEqual(summary(simulateConsumer(b, fleet[i]!)));
    }), { numRuns: Math.ceil(RUNS / 2) });
  });

  it('has teeth: a model that leaves out the opcode dispatch disagrees where a profile lacks an opcode', () => {
    const text = readFileSync('schemas/ccf-v1.consumer.yaml', 'utf8').replace(/^ {2}- \{ switch: criterion\.args, tags: ops \}.*$/m, '');
    expect(text).not.toContain('switch: criterion.args');
    const weaker = parseModel(text, 'weaker.yaml', schema);
    const bytes = readFileSync('corpus/ccf/story/2024-07-19-0409-channel-291.bin');
    const p = { ...fleet[1]!, ops: new Set(['ANY', 'EQ_INT', 'RANGE_INT', 'EQ_STR', 'PREFIX_STR'] as const) };
    const oracle = summary(simulateConsumer(bytes, p));
    expect(oracle.fault).toMatch(/^UNKNOWN_OP/);
    expect(summary(simulateModel(bytes, model, toModelProfile(p, model)))).toEqual(oracle);
    expect(summary(simulateModel(bytes, weaker, toModelProfile(p, weaker)))).not.toEqual(oracle);
  });
});
