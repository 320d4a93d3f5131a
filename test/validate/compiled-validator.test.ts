/**
 * The compiled validator (src/validate/compile) against the full pipeline (decode + checkStructure):
 * whenever it says a file is clean, the pipeline finds no structural issue at all; on the clean
 * corpus files it really decides (its counter moves); it never throws; schemas it does not compile
 * never get a clean answer.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../src/budget/work-budget.js';
import { checkStructure } from '../../src/check/index.js';
import type { Issue } from '../../src/findings/index.js';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import { loadSchema, parseSchema, type FormatSchema } from '../../src/schema/index.js';
import { compileValidator } from '../../src/validate/compile/index.js';
import { caseArbitrary, hostileArbitrary } from '../model/arbitraries.js';
import { ccfBytes, ccfSpec, mutate, mutation, sigpackBytes, sigRecord, smallishBytes } from '../parse/differential-helpers.js';
import { makePng, textChunk } from '../examples/make-png.js';
import { makeZip } from '../examples/make-zip.js';

const ccf = loadSchema('schemas/ccf-v1.yaml');
const sigpack = loadSchema('schemas/sigpack-v1.yaml');

/** Every issue the pipeline's decode and checks raise for the file (what validateBytes puts in its sink before the consumers). */
function pipelineIssues(schema: FormatSchema, bytes: Uint8Array): Issue[] {
  const budget = new WorkBudget(bytes.length);
  const decoded = compileFastDecoder(schema).decode(bytes, budget.nodeLimit) ?? decode(schema, bytes, { budget });
  return [...decoded.issues, ...checkStructure(schema, bytes, decoded, { budget })];
}

/** The property: a clean answer is never wrong. Returns whether the validator said clean. */
function holds(schema: FormatSchema, bytes: Uint8Array): boolean {
  const clean = compileValidator(schema).isClean(bytes);
  if (clean) expect(pipelineIssues(schema, bytes).map((i) => i.code)).toEqual([]);
  return clean;
}

const corpus = (dir: string): [string, Uint8Array][] =>
  readdirSync(dir).filter((f) => f.endsWith('.bin')).map((f) => [join(dir, f), new Uint8Array(readFileSync(join(dir, f)))]);

describe('compiled validator', () => {
  it('compiles CCF and sigpack once per schema; PNG and ZIP (repeat until, if) are left to the pipeline', () => {
    for (const s of [ccf, sigpack]) {
      const v = compileValidator(s);
      expect(v.unsupported).toBeUndefined();
      expect(compileValidator(s)).toBe(v);
      expect(v.getCode()).toContain('function validate');
    }
    expect(compileValidator(loadSchema('schemas/examples/png.yaml')).unsupported).toMatch(/repeat: until/);
    expect(compileValidator(loadSchema('schemas/examples/zip.yaml')).unsupported).toMatch(/if/);
  });

  it('puts no schema text in the generated code (codes, enum names, field ids are constants or locals)', () => {
    const code = compileValidator(ccf).getCode();
    for (const text of ['BAD_MAGIC', 'type_id', 'template', 'field_kinds', 'pool', 'REGEX']) expect(code).not.toContain(text);
  });

  it('on every CCF and sigpack corpus file: clean exactly when the pipeline finds nothing, and the fast path ran on each clean one', () => {
    for (const [schema, dirs] of [[ccf, ['corpus/ccf/codes', 'corpus/ccf/story']], [sigpack, ['corpus/sigpack']]] as const) {
      const v = compileValidator(schema);
      let cleanFiles = 0;
      for (const dir of dirs) {
        for (const [name, bytes] of corpus(dir)) {
          const issues = pipelineIssues(schema, bytes);
          const before = v.stats.clean;
          const clean = v.isClean(bytes);
          if (clean) expect(issues.map((i) => i.code), name).toEqual([]);
          else expect(issues.length, `${name}: clean for the pipeline, undecided here`).toBeGreaterThan(0);
          expect(v.stats.clean).toBe(before + (clean ? 1 : 0));
          if (clean) cleanFiles++;
        }
      }
      expect(cleanFiles).toBeGreaterThanOrEqual(schema === ccf ? 9 : 10);
    }
  });

  it('CCF from the encoder, damaged by edits: a clean answer is never wrong', () => {
    let clean = 0;
    fc.assert(fc.property(caseArbitrary(ccf), ({ bytes }) => {
      if (holds(ccf, bytes)) clean++;
    }), { numRuns: 250 });
    expect(clean).toBeGreaterThan(20);
  });

  it('decides every generated file the pipeline finds clean (u8 values past 2^53 included), so the fast path is not just safe but used', () => {
    const sets: [FormatSchema, Uint8Array[]][] = [
      [ccf, fc.sample(caseArbitrary(ccf), 300).map((c) => c.bytes)],
      [ccf, fc.sample(ccfSpec, 300).map((spec) => ccfBytes(spec))],
      [sigpack, fc.sample(fc.array(sigRecord, { minLength: 1, maxLength: 6 }), 300).map((r) => sigpackBytes(r))],
    ];
    for (const [schema, files] of sets) {
      for (const bytes of files) expect(compileValidator(schema).isClean(bytes)).toBe(pipelineIssues(schema, bytes).length === 0);
    }
  });

  it('hostile CCF (hand-built: duplicate ids, lying counts and pools, pointers anywhere), and mutants of well-formed files', () => {
    fc.assert(fc.property(hostileArbitrary(), ({ bytes }) => void holds(ccf, bytes)), { numRuns: 250 });
    fc.assert(fc.property(ccfSpec, mutation, (spec, m) => {
      const bytes = ccfBytes(spec);
      holds(ccf, bytes);
      holds(ccf, mutate(bytes, m));
    }), { numRuns: 250 });
  });

  it('sigpack, well-formed and mutated', () => {
    let clean = 0;
    fc.assert(fc.property(fc.array(sigRecord, { minLength: 1, maxLength: 6 }), mutation, (records, m) => {
      const bytes = sigpackBytes(records);
      if (holds(sigpack, bytes)) clean++;
      holds(sigpack, mutate(bytes, m));
    }), { numRuns: 250 });
    expect(clean).toBeGreaterThan(20);
  });

  it('corpus mutants (every file of both formats, byte writes, cuts and appends)', () => {
    const files = [...corpus('corpus/ccf/codes'), ...corpus('corpus/ccf/story')].map(([, b]) => [ccf, b] as const)
      .concat(corpus('corpus/sigpack').map(([, b]) => [sigpack, b] as const));
    fc.assert(fc.property(fc.nat({ max: files.length - 1 }), mutation, (k, m) => {
      const [schema, bytes] = files[k]!;
      holds(schema, mutate(bytes, m));
    }), { numRuns: 400 });
  });

  it('never throws, on arbitrary bytes for every schema; PNG and ZIP files are never decided', () => {
    const png = loadSchema('schemas/examples/png.yaml');
    const zip = loadSchema('schemas/examples/zip.yaml');
    fc.assert(fc.property(smallishBytes(300), (bytes) => {
      for (const s of [ccf, sigpack, png, zip]) expect(() => holds(s, bytes)).not.toThrow();
    }), { numRuns: 200 });
    expect(compileValidator(png).isClean(new Uint8Array(makePng({ before: [textChunk('a', 'b')] })))).toBe(false);
    expect(compileValidator(zip).isClean(new Uint8Array(makeZip([{ name: 'a.txt', data: new TextEncoder().encode('hello') }])))).toBe(false);
  });

  it('refuses a schema that would inline into a huge function, instead of building it', () => {
    const types = Array.from({ length: 12 }, (_, k) => `  t${k}:\n    seq:\n${Array.from({ length: 8 }, (_, j) => `      - { id: f${j}, type: ${k === 11 ? 'u1' : `t${k + 1}`} }`).join('\n')}`).join('\n');
    const schema = parseSchema(`format: wide\nroot: t0\ntypes:\n${types}\n`, 'wide.yaml');
    const t = performance.now();
    const v = compileValidator(schema);
    expect(v.unsupported).toMatch(/too large/);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('respects the time budget: out of time, not decided', () => {
    const bytes = new Uint8Array(readFileSync('corpus/ccf/story/2024-07-19-0409-channel-291.bin'));
    expect(compileValidator(ccf).isClean(bytes, { timeMs: 0 })).toBe(false);
  });

  it('respects the node budget: a file over it is not decided', () => {
    const bytes = new Uint8Array(readFileSync('corpus/ccf/story/2024-07-19-0409-channel-291.bin'));
    const v = compileValidator(ccf);
    expect(v.isClean(bytes)).toBe(true);
    expect(v.isClean(bytes, { nodes: 5 })).toBe(false);
  });
});
