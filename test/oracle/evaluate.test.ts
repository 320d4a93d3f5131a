import { describe, expect, it } from 'vitest';
import { CONSUMERS } from './consumers.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { criteria, GOOD_TYPE2, makeProfile, TYPE1, TYPE2 } from './fixtures.js';

const profile = makeProfile({ templates: { 2: ['STR', 'INT', 'STR', 'STR'] } });

describe.each(CONSUMERS)('evaluate phase ($name)', ({ simulate: simulateConsumer, name }) => {
  // The oracle names the opcode that confused it, the model the input kind the element needs.
  const confused = (op: string, needs: string) => (name === 'oracle' ? { op } : { needs });

  it('OOB_INPUT_READ for a real criterion at an index the consumer does not supply', () => {
    const short = makeProfile({ templates: { 2: ['STR', 'INT'] } });
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria(4, { 3: { op: 'EQ_STR', str: 'x' } }) }] });
    const r = simulateConsumer(f.bytes, short);
    expect(r.outcome).toBe('crash');
    expect(r.fault).toEqual({
      code: 'OOB_INPUT_READ', path: ['instances', 0, 'criteria', 3], offset: f.layout.criterionOffsets[0]![3],
      details: { index: 3, supplied: 2, type_id: 2 },
    });
  });

  it('ANY never reads its input, even beyond the supplied inputs', () => {
    const none = makeProfile({ templates: { 2: [] } });
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria(4) }] });
    expect(simulateConsumer(f.bytes, none).outcome).toBe('load');
  });

  it('TYPE_CONFUSION for an INT opcode on a STR input and a STR opcode on an INT input', () => {
    const f = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria(4, { 0: { op: 'EQ_INT', value: 1 } }) }] });
    expect(simulateConsumer(f.bytes, profile).fault).toMatchObject({
      code: 'TYPE_CONFUSION', path: ['instances', 0, 'criteria', 0], offset: f.layout.criterionOffsets[0]![0],
      details: { index: 0, ...confused('EQ_INT', 'INT'), supplied: 'STR' },
    });
    const g = buildCcf({ types: [TYPE2], instances: [{ type: 2, criteria: criteria(4, { 1: { op: 'PREFIX_STR', str: 'p' } }) }] });
    expect(simulateConsumer(g.bytes, profile).fault).toMatchObject({ code: 'TYPE_CONFUSION', details: { index: 1, ...confused('PREFIX_STR', 'STR'), supplied: 'INT' } });
  });

  it('does not evaluate instances of a type the profile does not list', () => {
    const f = buildCcf({ types: [TYPE1, TYPE2], instances: [GOOD_TYPE2, { type: 1, criteria: criteria(21, { 20: { op: 'EQ_INT', value: 3 } }) }] });
    const r = simulateConsumer(f.bytes, profile);
    expect(r.outcome).toBe('load');
    expect(r.issues).toEqual([{ code: 'UNUSED_TEMPLATE', path: ['types', 0], offset: 40, details: { type_id: 1, instances: 1 }, profile: 'test' }]);
  });

  it('load-phase faults come before evaluate-phase faults, whatever the instance order', () => {
    const f = buildCcf({ types: [TYPE2], instances: [
      { type: 2, criteria: criteria(4, { 0: { op: 'EQ_INT', value: 1 } }) },
      { type: 2, criteria: criteria(4, { 3: { op: 'REGEX', str: '[' } }) },
    ] });
    const r = simulateConsumer(f.bytes, profile);
    expect(r.fault).toMatchObject({ code: 'REGEX_INVALID', path: ['instances', 1, 'criteria', 3] });
    // The static analysis still reports the type confusion of instance 0.
    expect(r.issues.map((i) => i.code)).toEqual(['REGEX_INVALID', 'TYPE_CONFUSION']);
  });

  it('evaluates in profile listing order of types, then index order, then criterion order', () => {
    const p = makeProfile({ templates: [[2, ['STR', 'INT', 'STR', 'STR']], [1, ['INT']]] });
    const f = buildCcf({ types: [TYPE1, TYPE2], instances: [
      { type: 1, criteria: criteria(21, { 0: { op: 'EQ_INT', value: 1 }, 3: { op: 'EQ_STR', str: 'a' } }) },
      { type: 2, criteria: criteria(4, { 2: { op: 'EQ_INT', value: 1 }, 1: { op: 'EQ_STR', str: 'b' } }) },
      { type: 2, criteria: criteria(4, { 0: { op: 'EQ_INT', value: 1 } }) },
    ] });
    const r = simulateConsumer(f.bytes, p);
    expect(r.fault).toMatchObject({ code: 'TYPE_CONFUSION', path: ['instances', 1, 'criteria', 1] });
    expect(r.issues.map((i) => [i.code, ...i.path])).toEqual([
      ['TYPE_CONFUSION', 'instances', 1, 'criteria', 1],
      ['OOB_INPUT_READ', 'instances', 0, 'criteria', 3],
      ['TYPE_CONFUSION', 'instances', 1, 'criteria', 2],
      ['TYPE_CONFUSION', 'instances', 2, 'criteria', 0],
      ['KIND_MISMATCH', 'types', 0, 'field_kinds', 0],
    ]);
  });

  it('uses the first table entry when a type_id is repeated', () => {
    const f = buildCcf({ types: [TYPE2, { id: 2, kinds: ['INT'] }], instances: [GOOD_TYPE2] });
    const r = simulateConsumer(f.bytes, profile);
    expect(r.outcome).toBe('load');
    expect(r.issues).toEqual([]);
    const g = buildCcf({ types: [{ id: 2, kinds: ['INT'] }, TYPE2], instances: [GOOD_TYPE2] });
    expect(simulateConsumer(g.bytes, profile).issues.map((i) => i.code)).toEqual(['KIND_MISMATCH']);
  });

  it('reports every static defect, not only the first fault', () => {
    const short = makeProfile({ templates: { 2: ['STR'] }, limits: { regex_max_length: 2 } });
    const f = buildCcf({ types: [TYPE2], instances: [
      { type: 2, criteria: criteria(4, { 2: { op: 'EQ_STR', str: 's' } }) },
      { type: 2, criteria: criteria(4, { 1: { op: 'EQ_INT', value: 5 }, 3: { op: 'REGEX', str: 'abc' } }) },
    ] });
    const r = simulateConsumer(f.bytes, short);
    expect(r.fault).toMatchObject({ code: 'REGEX_TOO_LONG', path: ['instances', 1, 'criteria', 3] });
    expect(r.issues.map((i) => [i.code, i.offset])).toEqual([
      ['REGEX_TOO_LONG', f.layout.criterionOffsets[1]![3]],
      ['OOB_INPUT_READ', f.layout.criterionOffsets[0]![2]],
      ['OOB_INPUT_READ', f.layout.criterionOffsets[1]![1]],
      ['OOB_INPUT_READ', f.layout.criterionOffsets[1]![3]],
    ]);
  });
});
