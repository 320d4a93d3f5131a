import { describe, expect, it } from 'vitest';
import { bytesOf, consumer, explain, JULY, SPRING } from './helpers.js';

describe('explain: the July 2024 file (issue 11)', () => {
  const x = explain('ccf', bytesOf(JULY));

  it('gives agent-7.11 the chain from instance 5 to the out-of-bounds read, step by step with paths and offsets', () => {
    const k = consumer(x, 'agent-7.11');
    expect(k).toMatchObject({ outcome: 'crash', population: 8_500_000, clause: 'inputs', fault: { code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', offset: 358 } });
    // The criterion in the corpus file is EQ_STR ('ntdll.dll'): the chain says what the bytes hold.
    expect(k.chain).toEqual([
      { text: 'instances[5] is of type 1 (type_id = 1)', path: 'instances[5].type_id', offset: 322 },
      { text: "the file's types table declares 21 fields for type 1 (types[0].field_count)", path: 'types[0].field_count', offset: 42 },
      { text: 'criteria[20].op is EQ_STR, not ANY: the rule `op != 0` holds, so it reads input 20 (index = _index = 20)', path: 'instances[5].criteria[20].op', offset: 358 },
      { text: 'agent-7.11 supplies 20 inputs for type 1' },
      { text: 'so inputs[20] is read out of bounds (OOB_INPUT_READ at instances[5].criteria[20] @ 358)', path: 'instances[5].criteria[20]', offset: 358 },
    ]);
    expect(k.hazards).toEqual([]);
  });

  it('says agent-7.16 loads it, with no chain', () => {
    expect(consumer(x, 'agent-7.16')).toMatchObject({ outcome: 'load', population: 1_200_000, chain: [], hazards: [] });
    expect(consumer(x, 'agent-7.16').fault).toBeUndefined();
  });

  it("summarises the file's own verdict", () => {
    expect(x.file).toMatchObject({ format: 'ccf-v1', size: 524, verdict: 'fail', errors: 1, warnings: 0 });
    expect(x.consumer).toBe('ccf-agent');
  });

  it('gives the spring file, which loads everywhere, the hazard and its short chain on agent-7.11', () => {
    const spring = explain('ccf', bytesOf(SPRING));
    const k = consumer(spring, 'agent-7.11');
    expect(k).toMatchObject({ outcome: 'load', chain: [] });
    expect(k.hazards).toHaveLength(1);
    expect(k.hazards[0]).toMatchObject({ code: 'INPUT_COUNT_MISMATCH', path: 'types[0].field_count', offset: 42, clause: 'inputs.declares' });
    expect(k.hazards[0]!.chain.map((s) => s.text)).toEqual([
      "the file's types table declares 21 fields for type 1 (types[0].field_count)",
      'agent-7.11 supplies 20 inputs for type 1',
      'every element of a type-1 record past inputs[19] is skipped today (`op != 0` does not hold on it); the first one that reads is OOB_INPUT_READ (INPUT_COUNT_MISMATCH at types[0].field_count @ 42)',
    ]);
    expect(consumer(spring, 'agent-7.16').hazards).toEqual([]);
  });
});
