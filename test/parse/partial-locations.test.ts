import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema, parseSchema } from '../../src/schema/index.js';
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

/**
 * A struct that stopped part-way is in the tree (so its fields are checked), and its location says
 * `partial`: where it starts is known, its size is not (sizeof/end of it are not answered).
 */
describe('structs and arrays cut short are located as partial', () => {
  const cut = parseSchema(`format: t\nendian: be\nroot: file\ntypes:\n  file:\n    seq:\n      - { id: recs, type: rec, repeat: 2 }\n      - { id: boxed, type: rec, size: 3 }\n  rec:\n    seq:\n      - { id: len, type: u1 }\n      - { id: data, type: bytes, size: len }\n`, 'cut.yaml');

  it('the cut struct and the array holding it are partial; the fields it read are not', () => {
    const d = decode(cut, Uint8Array.from([1, 7, 9, 1]));
    expect(d.value.recs).toEqual([{ len: 1, data: Uint8Array.from([7]) }, { len: 9 }]);
    expect(d.isPartial(['recs', 1])).toBe(true);
    expect(d.locate(['recs', 1])).toMatchObject({ offset: 2, partial: true });
    expect(d.locate(['recs'])).toMatchObject({ offset: 0, partial: true });
    expect(d.locate(['recs', 1, 'len'])).toEqual({ offset: 2, size: 1 });
    expect(d.locate(['recs', 0])).toEqual({ offset: 0, size: 2 });
  });

  it('a struct cut inside its substream keeps the substream\'s known size', () => {
    const d = decode(cut, Uint8Array.from([0, 0, 5, 1, 2]));
    expect(d.isPartial(['boxed'])).toBe(true);
    expect(d.locate(['boxed'])).toEqual({ offset: 2, size: 3 });
  });
});
