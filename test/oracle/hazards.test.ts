import { describe, expect, it } from 'vitest';
import { CONSUMERS } from './consumers.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { criteria, GOOD_TYPE2, makeProfile, TYPE1, TYPE2 } from './fixtures.js';

const allStr = makeProfile({ name: 'all-str', templates: { 2: ['STR', 'STR', 'STR', 'STR'] } });
const file = (field1: Parameters<typeof criteria>[1]) =>
  buildCcf({ types: [TYPE1, TYPE2], instances: [{ type: 2, criteria: criteria(4, field1) }] });

describe.each(CONSUMERS)('KIND_MISMATCH vs TYPE_CONFUSION ($name)', ({ simulate: simulateConsumer }) => {
  it('a wildcard on a field declared INT but supplied STR: a KIND_MISMATCH warning', () => {
    const f = file({});
    const r = simulateConsumer(f.bytes, allStr);
    expect(r.outcome).toBe('load');
    expect(r.issues).toEqual([{
      code: 'KIND_MISMATCH', path: ['types', 1, 'field_kinds', 1], offset: f.layout.typeOffsets[1]! + 5,
      details: { type_id: 2, field: 1, declared: 'INT', supplied: 'STR' }, profile: 'all-str',
    }]);
  });

  it('a real INT criterion there: a TYPE_CONFUSION crash, and no KIND_MISMATCH', () => {
    const r = simulateConsumer(file({ 1: { op: 'RANGE_INT', lo: 0, hi: 3 } }).bytes, allStr);
    expect(r.outcome).toBe('crash');
    expect(r.issues.map((i) => i.code)).toEqual(['TYPE_CONFUSION']);
  });

  it('a real criterion of the supplied kind loads, and the declared kind stays a hazard', () => {
    const r = simulateConsumer(file({ 1: { op: 'EQ_STR', str: '42' } }).bytes, allStr);
    expect(r.outcome).toBe('load');
    expect(r.issues.map((i) => i.code)).toEqual(['KIND_MISMATCH']);
  });

  it('skips field kinds that are neither INT nor STR', () => {
    const f = buildCcf({ types: [{ id: 2, kinds: ['STR', 9, 'STR', 'STR'] }], instances: [{ type: 2, criteria: criteria(4) }] });
    expect(simulateConsumer(f.bytes, allStr).issues).toEqual([]);
  });
});

describe.each(CONSUMERS)('INPUT_COUNT_MISMATCH and UNUSED_TEMPLATE ($name)', ({ simulate: simulateConsumer }) => {
  it('warns for a listed type that declares more fields than supplied, even without instances', () => {
    const p = makeProfile({ templates: { 1: ['STR', 'STR'] } });
    const r = simulateConsumer(buildCcf({ types: [TYPE1], instances: [] }).bytes, p);
    expect(r.issues).toMatchObject([{ code: 'INPUT_COUNT_MISMATCH', details: { declared: 21, supplied: 2 } }]);
  });

  it('says nothing when the consumer supplies more inputs than declared, or the type is not in the table', () => {
    const more = makeProfile({ templates: { 2: ['STR', 'INT', 'STR', 'STR', 'INT', 'STR'], 3: ['INT'] } });
    const f = buildCcf({ types: [TYPE2], instances: [GOOD_TYPE2] });
    expect(simulateConsumer(f.bytes, more)).toMatchObject({ outcome: 'load', issues: [] });
  });

  it('UNUSED_TEMPLATE counts the instances of each type in the table that the profile does not list', () => {
    const only1 = makeProfile({ templates: { 1: [] } });
    const f = buildCcf({ types: [TYPE2, { id: 3, kinds: ['INT'] }, TYPE1], instances: [
      GOOD_TYPE2, { type: 3, criteria: [{ op: 'ANY' }] }, { ...GOOD_TYPE2, id: 7 },
    ] });
    const r = simulateConsumer(f.bytes, only1);
    expect(r.outcome).toBe('load');
    expect(r.issues).toEqual([
      { code: 'INPUT_COUNT_MISMATCH', path: ['types', 2, 'field_count'], offset: f.layout.typeOffsets[2]! + 2, details: { type_id: 1, declared: 21, supplied: 0 }, profile: 'test' },
      { code: 'UNUSED_TEMPLATE', path: ['types', 0], offset: 40, details: { type_id: 2, instances: 2 }, profile: 'test' },
      { code: 'UNUSED_TEMPLATE', path: ['types', 1], offset: f.layout.typeOffsets[1], details: { type_id: 3, instances: 1 }, profile: 'test' },
    ]);
  });
});
