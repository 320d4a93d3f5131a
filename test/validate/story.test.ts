import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { buildCcf, type Crit, type Kind } from '../helpers/ccf-bytes.js';
import { ccfConsumers } from '../helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());
const consumers = ccfConsumers();
const IPC_KINDS: Kind[] = ['STR', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'STR', 'STR'];
const wildcards = (n: number): Crit[] => Array.from({ length: n }, () => ({ op: 'ANY' }) as Crit);

function spring(): Crit[] {
  const c = wildcards(21);
  c[0] = { op: 'PREFIX_STR', str: '\\\\.\\pipe\\' };
  c[4] = { op: 'EQ_INT', value: 4 };
  return c;
}

describe('the July 2024 story against the default fleet', () => {
  it('a spring instance with a wildcard on field 21 loads everywhere but warns about the 20-input consumer', () => {
    const { bytes, layout } = buildCcf({ types: [{ id: 1, kinds: IPC_KINDS }], instances: [{ id: 1, type: 1, criteria: spring() }] });
    const r = validateBytes('spring.bin', bytes, { schema, consumers });
    expect(r.verdict).toBe('warn');
    expect(r.consumers.map((c) => [c.profile, c.outcome])).toEqual([['agent-7.11', 'load'], ['agent-7.16', 'load']]);
    expect(r.findings.map((f) => [f.code, f.profile, f.path])).toEqual([['INPUT_COUNT_MISMATCH', 'agent-7.11', 'types[0].field_count']]);
    expect(r.findings[0]!.offset).toBe(layout.typeOffsets[0]! + 2);
  });

  it('the July instance with a real criterion on field 21 crashes the 20-input consumer at that criterion', () => {
    const july = spring();
    july[20] = { op: 'EQ_STR', str: 'pipe-21' };
    const { bytes, layout } = buildCcf({
      types: [{ id: 1, kinds: IPC_KINDS }],
      instances: [{ id: 1, type: 1, criteria: spring() }, { id: 2, type: 1, criteria: july }],
    });
    const r = validateBytes('july.bin', bytes, { schema, consumers });
    expect(r.verdict).toBe('fail');
    const crash = r.consumers.find((c) => c.profile === 'agent-7.11')!;
    expect(crash.outcome).toBe('crash');
    expect(crash.fault).toMatchObject({ code: 'OOB_INPUT_READ', path: 'instances[1].criteria[20]', offset: layout.criterionOffsets[1]![20] });
    expect(r.consumers.find((c) => c.profile === 'agent-7.16')!.outcome).toBe('load');
    const oob = r.findings.filter((f) => f.code === 'OOB_INPUT_READ');
    expect(oob).toHaveLength(1);
    expect(oob[0]).toMatchObject({ severity: 'error', profile: 'agent-7.11', path: 'instances[1].criteria[20]', offset: layout.criterionOffsets[1]![20] });
    // The schema alone (21 declared fields) finds nothing wrong: the defect is only visible against the consumer.
    expect(r.findings.filter((f) => f.profile === undefined)).toEqual([]);
  });
});

describe('structural findings carry path and offset', () => {
  const base = () => ({ types: [{ id: 2, kinds: ['STR', 'INT'] as Kind[] }], instances: [{ id: 7, type: 2, criteria: [{ op: 'EQ_STR', str: 'x' }, { op: 'ANY' }] as Crit[] }] });

  it('a wrong magic is BAD_MAGIC at offset 0 and every consumer refuses the file', () => {
    const r = validateBytes('m.bin', buildCcf({ ...base(), header: { magic: 0xdeadbeef } }).bytes, { schema, consumers });
    expect(r.findings[0]).toMatchObject({ code: 'BAD_MAGIC', path: 'header.magic', offset: 0 });
    expect(r.consumers.every((c) => c.outcome === 'reject' && c.fault?.code === 'BAD_MAGIC')).toBe(true);
  });

  it('a stored CRC that does not match is CRC_MISMATCH at the trailer', () => {
    const { bytes, layout } = buildCcf({ ...base(), crc: 0x12345678 });
    const r = validateBytes('c.bin', bytes, { schema, consumers });
    expect(r.findings).toEqual([expect.objectContaining({ code: 'CRC_MISMATCH', path: 'crc', offset: layout.crcOffset })]);
  });

  it('a string reference past the pool is POOL_OOB at the criterion opcode, for the schema and for each consumer', () => {
    const { bytes, layout } = buildCcf({ types: [{ id: 2, kinds: ['STR'] }], instances: [{ type: 2, criteria: [{ op: 'EQ_STR', ref: { off: 0, len: 50 } }] }] });
    const r = validateBytes('p.bin', bytes, { schema, consumers });
    const codes = r.findings.filter((f) => f.code === 'POOL_OOB');
    expect(codes.map((f) => f.profile)).toEqual([undefined, 'agent-7.11', 'agent-7.16']);
    expect(codes.every((f) => f.path === 'instances[0].criteria[0]' && f.offset === layout.criterionOffsets[0]![0])).toBe(true);
  });

  it('a truncated file is TRUNCATED with what was needed and what was left', () => {
    const { bytes } = buildCcf(base());
    const r = validateBytes('t.bin', bytes.subarray(0, 45), { schema, consumers });
    const t = r.findings.find((f) => f.code === 'TRUNCATED')!;
    expect(t.message).toMatch(/needs \d+ byte\(s\) at offset \d+, only \d+ left/);
    expect(r.verdict).toBe('fail');
  });
});
