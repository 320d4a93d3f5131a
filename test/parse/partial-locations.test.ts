import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { ccfConsumers } from '../helpers/consumers.js';

const schema = loadSchema(defaultSchemaPath());

/**
 * Issue 8: the structural UNKNOWN_OP sat one byte late. The record that holds the bad opcode is
 * stored in its array only once decoded, so while it was being decoded its path did not resolve
 * and the finding fell back to the cursor (after the opcode). Partial records now resolve.
 */
describe('findings inside a record whose decoding stopped are located inside it', () => {
  const { bytes, layout } = buildCcf({
    types: [{ id: 2, kinds: ['STR', 'INT', 'STR'] }],
    instances: [{ type: 2, criteria: [{ op: 'ANY' }, { op: 'RAW', bytes: [9, 4, 0, 0, 0, 0, 0, 0, 0] }, { op: 'ANY' }] }],
  });
  const opcodeAt = layout.criterionOffsets[0]![1]!;

  it('UNKNOWN_OP points at the opcode byte', () => {
    const issue = decode(schema, bytes).issues.find((i) => i.code === 'UNKNOWN_OP')!;
    expect(issue.path).toEqual(['instances', 0, 'criteria', 1]);
    expect(issue.offset).toBe(opcodeAt);
  });

  it('the structural finding and every consumer finding agree on the offset', () => {
    const r = validateBytes('x', bytes, { schema, consumers: ccfConsumers() });
    const offsets = new Set(r.findings.filter((f) => f.code === 'UNKNOWN_OP').map((f) => f.offset));
    expect([...offsets]).toEqual([opcodeAt]);
  });

  it('the partial record and what was decoded of it can still be located after the decode', () => {
    const d = decode(schema, bytes);
    expect(d.locate(['instances', 0, 'criteria', 1])?.offset).toBe(opcodeAt);
    expect(d.locate(['instances', 0, 'criteria', 0])?.offset).toBe(layout.criterionOffsets[0]![0]);
  });
});
