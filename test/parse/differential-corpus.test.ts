/**
 * The compiled fast path and the diagnostic decoder agree on every corpus file: where the fast
 * path answers, same value and same location for every node; where it bails, the file is one the
 * interpreter finds something to report about (or its schema is one the compiler declines).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { compileValidator } from '../../src/validate/compile/index.js';
import { corpusSources, loadExpectations } from '../helpers/corpus.js';
import { cleanForInterpreter, expectAgree } from './differential-helpers.js';
import { ccfConsumers } from '../helpers/consumers.js';

const root = join(import.meta.dirname, '..', '..');
const sources = corpusSources(root, loadExpectations(root));

describe('fast path and interpreter on the whole corpus', () => {
  it.each(sources.map((s) => [s.key, s] as const))('%s', (_key, s) => {
    const bytes = new Uint8Array(readFileSync(s.binary));
    const fast = compileFastDecoder(s.schema);
    const clean = cleanForInterpreter(s.schema, bytes);
    const answered = expectAgree(s.schema, fast, bytes, clean && fast.unsupported === undefined);
    if (!clean) expect(answered).toBe(false);
  });

  it('validate really takes the fast path on clean CCF files: the compiled validator, without building a tree', () => {
    const ccf = sources.filter((s) => s.key.startsWith('ccf/story/'));
    const fast = compileFastDecoder(ccf[0]!.schema);
    const validator = compileValidator(ccf[0]!.schema);
    const before = { tree: fast.stats.fast + fast.stats.bailed, clean: validator.stats.clean };
    const consumers = ccfConsumers();
    for (const s of ccf) validateBytes(s.key, new Uint8Array(readFileSync(s.binary)), { schema: s.schema, consumers });
    expect(validator.stats.clean - before.clean).toBe(ccf.length);
    expect(fast.stats.fast + fast.stats.bailed).toBe(before.tree); // no decode at all
  });
});
