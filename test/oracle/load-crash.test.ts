import { describe, expect, it } from 'vitest';
import { CONSUMERS } from './consumers.js';
import { buildCcf, patch, truncate } from '../helpers/ccf-bytes.js';
import { GOOD_TYPE2, makeProfile, TYPE1, TYPE2 } from './fixtures.js';

const profile = makeProfile();
const two = buildCcf({ types: [TYPE1, TYPE2], instances: [GOOD_TYPE2, { ...GOOD_TYPE2, id: 9 }] });

describe.each(CONSUMERS)('READ_PAST_END (load phase) ($name)', ({ simulate: simulateConsumer, name }) => {
  // The oracle reports the bytes of the whole record it reads at once, the model those of the field read that failed.
  const whole = <T extends object>(details: T): { details?: T } => (name === 'oracle' ? { details } : {});

  it('in the template-type table: head, then field kinds', () => {
    const f = buildCcf({ types: [TYPE1, TYPE2], instances: [], header: { type_count: 3 } });
    const third = f.layout.indexOffset; // where a third entry would start
    const r = simulateConsumer(truncate(f.bytes, third + 2), profile);
    expect(r.outcome).toBe('crash');
    expect(r.fault).toMatchObject({ code: 'READ_PAST_END', path: ['types', 2], offset: third, ...whole({ needed: 4, at: third, fileSize: third + 2 }) });
    const cut = truncate(two.bytes, two.layout.typeOffsets[1]! + 6); // type 2 head + 2 of its 4 kinds
    expect(simulateConsumer(cut, profile).fault).toMatchObject({ path: ['types', 1], offset: two.layout.typeOffsets[1], ...whole({ needed: 8 }) });
    expect(simulateConsumer(cut, profile).issues[0]).toMatchObject({ code: 'READ_PAST_END', profile: 'test' });
  });

  it('in the instance index, at the first entry that does not fit', () => {
    const f = buildCcf({ types: [TYPE1, TYPE2], instances: [], extraPool: 'x'.repeat(40), header: { instance_count: 8 } });
    const r = simulateConsumer(truncate(f.bytes, f.layout.indexOffset + 4 * 7 + 3), profile);
    expect(r.fault).toMatchObject({ code: 'READ_PAST_END', path: ['index', 7], offset: f.layout.indexOffset + 28, details: { needed: 4 } });
  });

  it('in an instance record head', () => {
    const bad = patch(two.bytes, two.layout.indexOffset + 4, two.bytes.length - 5, 4);
    expect(simulateConsumer(bad, profile).fault).toMatchObject({
      code: 'READ_PAST_END', path: ['instances', 1], offset: two.bytes.length - 5, ...whole({ needed: 8, at: two.bytes.length - 5, fileSize: two.bytes.length }),
    });
  });

  it('in a criterion: opcode, then payload, reported at the opcode byte', () => {
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: [{ op: 'ANY' }, { op: 'EQ_INT', value: 1 }], criteriaCount: 4 }] });
    // Criteria 2 and 3 are missing; the pool is empty and the trailer follows.
    const end = f.layout.criterionOffsets[0]![1]! + 9;
    const r = simulateConsumer(truncate(f.bytes, end), profile);
    expect(r.fault).toMatchObject({ code: 'READ_PAST_END', path: ['instances', 0, 'criteria', 2], offset: end, details: { needed: 1 } });
    const cutPayload = truncate(f.bytes, end - 3);
    expect(simulateConsumer(cutPayload, profile).fault).toMatchObject({
      path: ['instances', 0, 'criteria', 1], offset: end - 9, ...whole({ needed: 9, at: end - 9 }),
    });
  });

  it('in the pool copy (a zero-size pool copies nothing)', () => {
    const f = two;
    const r = simulateConsumer(patch(f.bytes, 32, f.layout.poolSize + 5, 4), profile);
    expect(r.fault).toMatchObject({ code: 'READ_PAST_END', path: ['pool'], offset: f.layout.poolOffset, details: { needed: f.layout.poolSize + 5 } });
    const empty = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: [{ op: 'ANY' }, { op: 'ANY' }, { op: 'ANY' }, { op: 'ANY' }] }], header: { pool_offset: 0xfffffff0 } });
    expect(simulateConsumer(empty.bytes, profile).outcome).toBe('load');
  });

  it('reads the table before the index, and the index before the pool', () => {
    const f = buildCcf({ types: [TYPE2], instances: [GOOD_TYPE2], header: { instance_count: 500, pool_size: 1e6 } });
    expect(simulateConsumer(f.bytes, profile).fault?.path).toEqual(['index', Math.floor((f.bytes.length - f.layout.indexOffset) / 4)]);
  });
});

describe.each(CONSUMERS)('UNKNOWN_TEMPLATE, UNKNOWN_OP, POOL_OOB, REGEX faults ($name)', ({ simulate: simulateConsumer }) => {
  it('UNKNOWN_TEMPLATE points at the type_id', () => {
    const f = buildCcf({ types: [TYPE2], instances: [GOOD_TYPE2, { type: 7, criteria: [{ op: 'ANY' }] }] });
    const r = simulateConsumer(f.bytes, profile);
    expect(r.fault).toMatchObject({ code: 'UNKNOWN_TEMPLATE', path: ['instances', 1, 'type_id'], offset: f.layout.recordOffsets[1]! + 4, details: { type_id: 7 } });
  });

  it('UNKNOWN_OP for an undefined opcode and for one the profile does not list; the payload is never read', () => {
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: [{ op: 'ANY' }, { op: 'RAW', bytes: [6] }] }] });
    const r = simulateConsumer(f.bytes, profile);
    expect(r.fault).toMatchObject({ code: 'UNKNOWN_OP', path: ['instances', 0, 'criteria', 1], offset: f.layout.criterionOffsets[0]![1], details: { actual: 6 } });
    const noRegex = makeProfile({ ops: ['ANY', 'EQ_INT', 'RANGE_INT', 'EQ_STR', 'PREFIX_STR'] });
    const g = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria4({ op: 'RAW', bytes: [5] }) }] });
    const r2 = simulateConsumer(truncate(g.bytes, g.layout.criterionOffsets[0]![3]! + 1), noRegex);
    expect(r2.fault).toMatchObject({ code: 'UNKNOWN_OP', path: ['instances', 0, 'criteria', 3], details: { actual: 5, implemented: ['ANY', 'EQ_INT', 'RANGE_INT', 'EQ_STR', 'PREFIX_STR'] } });
  });

  it('POOL_OOB when str_off + str_len exceeds pool_size', () => {
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: [{ op: 'EQ_STR', ref: { off: 2, len: 4 } }] }], extraPool: 'abcde' });
    const r = simulateConsumer(f.bytes, profile);
    expect(r.fault).toMatchObject({ code: 'POOL_OOB', path: ['instances', 0, 'criteria', 0], offset: f.layout.criterionOffsets[0]![0], details: { end: 6, pool_size: 5 } });
    const ok = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: [{ op: 'EQ_STR', ref: { off: 1, len: 4 } }] }], extraPool: 'abcde' });
    expect(simulateConsumer(ok.bytes, profile).outcome).toBe('load');
  });

  it('REGEX_TOO_LONG beyond regex_max_length, REGEX_INVALID for bad RE2 syntax', () => {
    const long = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria4({ op: 'REGEX', str: 'a'.repeat(11) }) }] });
    const r = simulateConsumer(long.bytes, makeProfile({ limits: { regex_max_length: 10 } }));
    expect(r.fault).toMatchObject({ code: 'REGEX_TOO_LONG', offset: long.layout.criterionOffsets[0]![3], details: { length: 11, max: 10 } });
    expect(r.issues.filter((i) => i.code === 'REGEX_TOO_LONG')).toHaveLength(1);
    expect(simulateConsumer(long.bytes, makeProfile({ limits: { regex_max_length: 11 } })).outcome).toBe('load');
    const bad = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria4({ op: 'REGEX', str: '(a' }) }] });
    const r2 = simulateConsumer(bad.bytes, profile);
    expect(r2.fault).toMatchObject({ code: 'REGEX_INVALID', path: ['instances', 0, 'criteria', 3], details: { pattern: '(a' } });
    expect(typeof r2.fault?.details.reason).toBe('string');
  });

  it('takes instances in index order, not file order', () => {
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 9, criteria: [] }, { type: 2, criteria: [{ op: 'RAW', bytes: [200] }] }] });
    const swapped = buildCcf({ types: [TYPE2], instances: [{ type: 9, criteria: [] }, { type: 2, criteria: [{ op: 'RAW', bytes: [200] }] }],
      index: [...f.layout.recordOffsets].reverse() }).bytes;
    expect(simulateConsumer(f.bytes, profile).fault?.code).toBe('UNKNOWN_TEMPLATE');
    expect(simulateConsumer(swapped, profile).fault).toMatchObject({ code: 'UNKNOWN_OP', path: ['instances', 0, 'criteria', 0] });
  });
});

function criteria4(last: Parameters<typeof buildCcf>[0]['instances'][number]['criteria'][number]) {
  return [{ op: 'ANY' } as const, { op: 'ANY' } as const, { op: 'ANY' } as const, last];
}
