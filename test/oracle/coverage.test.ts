import { describe, expect, it } from 'vitest';
import { BRANCH, BRANCH_COUNT, BRANCH_NAMES, simulateConsumer, type CoverageSink } from './index.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { criteria, GOOD_TYPE2, makeProfile, P711, sampleFile, TYPE2 } from './fixtures.js';

function recorder(): CoverageSink & { seen: Set<number> } {
  const seen = new Set<number>();
  return { seen, hit: (b) => void seen.add(b) };
}

describe('coverage branches', () => {
  it('has dense, unique ids and a name for each', () => {
    const ids = Object.values(BRANCH);
    expect(ids).toHaveLength(BRANCH_COUNT);
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: BRANCH_COUNT }, (_, i) => i));
    expect(BRANCH_NAMES).toHaveLength(BRANCH_COUNT);
    expect(BRANCH_NAMES[BRANCH.LOAD]).toBe('LOAD');
  });

  it('reports the decisions of a loading file, every hit a valid id', () => {
    const cov = recorder();
    simulateConsumer(sampleFile(), P711, cov);
    for (const b of cov.seen) expect(b).toBeGreaterThanOrEqual(0), expect(b).toBeLessThan(BRANCH_COUNT);
    for (const b of ['HEADER_ACCEPTED', 'TABLE_ENTRY', 'INDEX_ENTRY', 'POOL_COPY', 'INSTANCE_HEAD', 'DECODE_ANY', 'DECODE_REGEX',
      'REGEX_COMPILED', 'EVAL_ANY_SKIP', 'EVAL_EQ_INT', 'EVAL_RANGE_INT', 'EVAL_EQ_STR', 'EVAL_PREFIX_STR', 'EVAL_REGEX', 'LOAD',
      'HAZARD_INPUT_COUNT_MISMATCH'] as const) {
      expect(cov.seen.has(BRANCH[b]), b).toBe(true);
    }
  });

  it('stops recording consumer decisions after the first fault', () => {
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria(4, { 0: { op: 'RAW', bytes: [77] } }) }, GOOD_TYPE2] });
    const cov = recorder();
    const r = simulateConsumer(f.bytes, makeProfile(), cov);
    expect(r.fault?.code).toBe('UNKNOWN_OP');
    expect(cov.seen.has(BRANCH.CRIT_UNDEFINED_OP)).toBe(true);
    expect(cov.seen.has(BRANCH.DECODE_REGEX)).toBe(false);
    expect(cov.seen.has(BRANCH.LOAD)).toBe(false);
  });

  it('gives the same result with and without a sink', () => {
    const bytes = sampleFile();
    expect(simulateConsumer(bytes, P711, recorder())).toEqual(simulateConsumer(bytes, P711));
  });
});
