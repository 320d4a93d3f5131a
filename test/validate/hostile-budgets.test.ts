import { describe, expect, it } from 'vitest';
import { regexCacheStats } from '../../src/regex/index.js';
import { defaultSchemaPath, loadSchema, parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import {
  fanOut, nestedQuantifierPatterns, patternsFile, placedTableClaim, PLACED_TABLE_SCHEMA, slowCompilePatterns,
} from '../../scripts/hostile/builders.js';
import { ccfConsumers } from '../helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = ccfConsumers();

/** Issue 7 §3: tiny files that used to stop the release gate. Each must end with a small report. */
describe('hostile files finish with a bounded report', () => {
  it('fan-out: 4,096 index entries at one record of 255 criteria (18,756 bytes) gives capped findings and true totals', () => {
    const bytes = fanOut();
    expect(bytes.length).toBe(18_756);
    const started = performance.now();
    const r = validateBytes('fan-out.bin', bytes, { schema, consumers });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.verdict).toBe('fail');
    // One OOB_INPUT_READ per entry × criterion beyond the inputs each profile supplies for type 1.
    const beyond = consumers.profiles.reduce((n, p) => n + 255 - p.inputs.get(1)!.length, 0);
    expect(r.totals.OOB_INPUT_READ).toBe(4096 * beyond);
    expect(r.findings.length).toBeLessThan(500);
    expect(r.omitted?.OOB_INPUT_READ).toBeGreaterThan(1_000_000);
    expect(JSON.stringify(r.findings, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).length).toBeLessThan(500_000);
  }, 60_000);

  it('100 distinct 15-level nested-quantifier patterns are "could not be proven safe", without running the detector', () => {
    const before = regexCacheStats().detectorRuns;
    const r = validateBytes('redos.bin', patternsFile(nestedQuantifierPatterns(100, 15)), { schema, consumers });
    expect(r.totals.REGEX_REDOS).toBe(100);
    expect(r.findings.find((f) => f.code === 'REGEX_REDOS')!.message).toMatch(/could not be proven safe/);
    expect(regexCacheStats().detectorRuns).toBe(before);
  }, 60_000);

  it('100 distinct slow-to-compile patterns stop at the file\'s regex budget: the rest are DECODE_BUDGET, never passed', () => {
    const started = performance.now();
    const r = validateBytes('slow.bin', patternsFile(slowCompilePatterns(100)), { schema, consumers });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(r.verdict).toBe('fail');
    expect((r.totals.REGEX_INVALID ?? 0) + (r.totals.DECODE_BUDGET ?? 0)).toBeGreaterThanOrEqual(100);
    const budget = r.findings.find((f) => f.code === 'DECODE_BUDGET')!;
    expect(budget.details).toMatchObject({ budget: 'regex time' });
  }, 60_000);

  it('judges each distinct pattern once per run: a second file with the same patterns compiles nothing', () => {
    const bytes = patternsFile(Array.from({ length: 20 }, (_, i) => `once-${i}-[a-z]+\\d{2,4}`));
    validateBytes('a.bin', bytes, { schema, consumers });
    const before = regexCacheStats();
    validateBytes('b.bin', bytes, { schema, consumers });
    const after = regexCacheStats();
    expect(after.re2Compiles).toBe(before.re2Compiles);
    expect(after.syntax.misses).toBe(before.syntax.misses);
  });
});

describe('placed arrays spend the node budget', () => {
  const table = parseSchema(PLACED_TABLE_SCHEMA, 'table.yaml');

  it('an 8-byte file claiming 2^32 - 1 records outside it stops at the budget (it ran out of memory at 4.5 GB)', () => {
    const started = performance.now();
    const r = validateBytes('t.bin', placedTableClaim(), { schema: table });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.verdict).toBe('fail');
    expect(r.findings.find((f) => f.code === 'DECODE_BUDGET')?.details).toMatchObject({ budget: 'nodes' });
    expect(r.totals.BAD_OFFSET ?? 0).toBeLessThan(20_000);
  });
});
