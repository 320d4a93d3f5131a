import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pack } from '../../src/encode/index.js';
import { EXEC_CODES, FINDING_CODES } from '../../src/findings/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { corpusSources, loadExpectations } from '../helpers/corpus.js';

const root = join(import.meta.dirname, '..', '..');
const expectations = loadExpectations(root);
const sources = corpusSources(root, expectations);

describe('the corpus is a regression suite', () => {
  it('every source has an expectation, and every expectation a source', () => {
    expect(sources.map((s) => s.key).sort()).toEqual(Object.keys(expectations.files).sort());
  });

  it('every finding code is produced by at least one corpus file (but those of the real consumer, test/exec/)', () => {
    const produced = new Set(Object.values(expectations.files).flatMap((f) => f.codes));
    const execOnly = new Set<string>(EXEC_CODES);
    expect(Object.keys(FINDING_CODES).filter((c) => !produced.has(c) && !execOnly.has(c))).toEqual([]);
  });

  it.each(sources.map((s) => [s.key, s] as const))('%s is rebuilt byte for byte from its source and validates as expected', (key, s) => {
    const committed = new Uint8Array(readFileSync(s.binary));
    expect(Buffer.from(pack(s.schema, readFileSync(s.source, 'utf8'), s.source)).equals(Buffer.from(committed))).toBe(true);
    const want = expectations.files[key]!;
    // The folder's schema, and the default fleet of the model beside it, as `validate --schema` runs them.
    const report = validateBytes(key, committed, { schema: s.schema, ...(s.consumers ? { consumers: s.consumers } : {}) });
    expect([...new Set(report.findings.map((f) => f.code))].sort()).toEqual([...want.codes].sort());
    expect(report.verdict).toBe(want.verdict);
    expect(Object.fromEntries(report.consumers.map((c) => [c.profile, c.outcome]))).toEqual(want.consumers ?? {});
  });

  it('every finding code a format\'s consumer model defines is produced by a corpus file of that format', () => {
    const byFolder = new Map(sources.map((s) => [s.key.split('/')[0]!, s.consumers]));
    for (const [folder, consumers] of byFolder) {
      const produced = new Set(Object.entries(expectations.files).filter(([k]) => k.startsWith(`${folder}/`)).flatMap(([, f]) => f.codes));
      expect([...consumers?.model.codes.keys() ?? []].filter((c) => !produced.has(c)), folder).toEqual([]);
    }
  });
});
