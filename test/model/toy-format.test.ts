/**
 * The interpreter on a format that is not CCF (big-endian, inline text, and the input index stored
 * in the element rather than taken from its position): nothing in src/model knows CCF, so a model
 * of another format runs through the same code. Expected results are worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { parseModel, parseModelProfile, simulateModel } from '../../src/model/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { summary } from './compare.js';

const schema = parseSchema(`
format: toy-v1
endian: be
root: file
enums:
  kind: { 1: NUM, 2: TEXT }
  op: { 0: SKIP, 1: IS, 2: HAS }
types:
  file:
    seq:
      - { id: magic, type: u2 }
      - { id: rule_count, type: u1 }
      - { id: rules, type: rule, repeat: rule_count }
  rule:
    seq:
      - { id: channel, type: u2 }
      - { id: n, type: u1 }
      - { id: tests, type: test, repeat: n }
  test:
    let:
      needs: 'op == 1 ? 1 : 2'
    seq:
      - { id: op, type: u1, enum: op }
      - { id: field, type: u1 }
      - id: arg
        type: { switch_on: op, cases: { 0: none, 1: num, 2: text } }
        unknown_code: BAD_VALUE
        inline: true
  none: { seq: [] }
  num: { seq: [{ id: value, type: u4 }] }
  text:
    seq:
      - { id: len, type: u1 }
      - { id: chars, type: str, size: len }
`, 'toy.yaml');

const model = parseModel(`
consumer: toy-reader
schema: toy-v1
profile:
  inputs: { under: channels, item: fields, kinds: kind, key_max: 65535, max_inputs: 16 }
  tags: { ops: op }
  limits: { max_rules: { min: 0, max: 255 }, max_text: { min: 0, max: 255 } }
refuse:
  read: [magic, rule_count]
  rules:
    - { when: magic != 0x5459, code: BAD_MAGIC, at: magic }
    - { when: rule_count > limits.max_rules, code: LIMIT_EXCEEDED, at: rule_count }
load: [rules]
dispatch:
  - { switch: test.arg, tags: ops }
buffers:
  - { field: text.chars, max: limits.max_text, code: REGEX_TOO_LONG }
inputs:
  record: rule
  key: channel
  reads: tests
  index: field
  when: op != 0
  kind: { expr: needs, enum: kind }
`, 'toy.consumer.yaml', schema);

const profile = parseModelProfile(`
name: toy-2
channels: { 7: { fields: [NUM, TEXT] } }
ops: [SKIP, IS, HAS]
limits: { max_rules: 4, max_text: 5 }
`, 'toy-2.yaml', model);

/** magic, rule count, then rules: channel (u2 BE), test count, tests. */
const file = (...rules: number[][]): Uint8Array => Uint8Array.from([0x54, 0x59, rules.length, ...rules.flat()]);
const rule = (channel: number, ...tests: number[][]): number[] => [channel >> 8, channel & 0xff, tests.length, ...tests.flat()];
const is = (field: number, v: number): number[] => [1, field, 0, 0, 0, v];
const has = (field: number, text: string): number[] => [2, field, text.length, ...Buffer.from(text)];
const skip = (field: number): number[] => [0, field];
const run = (bytes: Uint8Array) => summary(simulateModel(bytes, model, profile));

describe('a model of another format (big-endian, inline text, explicit input index)', () => {
  it('loads a file whose tests read supplied inputs of the right kind', () => {
    expect(run(file(rule(7, is(0, 5), has(1, 'ab'), skip(9))))).toEqual({ outcome: 'load', fault: null, issues: [] });
  });

  it('an index stored in the element past the supplied count is an out-of-bounds read (rules[0].tests[1] at byte 12)', () => {
    // 3-byte header, rule head 3 bytes (offset 3..5), test 0 is 6 bytes (6..11), test 1 starts at 12.
    expect(run(file(rule(7, is(0, 5), has(2, 'x'))))).toEqual({ outcome: 'crash', fault: 'OOB_INPUT_READ rules[0].tests[1] @ 12', issues: ['OOB_INPUT_READ rules[0].tests[1] @ 12'] });
  });

  it('a kind mismatch is a type confusion; a SKIP reads nothing, whatever its index', () => {
    expect(run(file(rule(7, skip(200), has(0, 'x'))))).toEqual({ outcome: 'crash', fault: 'TYPE_CONFUSION rules[0].tests[1] @ 8', issues: ['TYPE_CONFUSION rules[0].tests[1] @ 8'] });
  });

  it('an unimplemented tag crashes at the element, its payload unread; the next rule is not reached', () => {
    const p = parseModelProfile('name: old\nchannels: { 7: { fields: [NUM, TEXT] } }\nops: [SKIP, IS]\nlimits: { max_rules: 4, max_text: 5 }', 'old.yaml', model);
    const r = summary(simulateModel(file(rule(7, has(1, 'x')), rule(7, is(9, 1))), model, p));
    expect(r.fault).toBe('BAD_VALUE rules[0].tests[0] @ 6');
  });

  it('a read past the end crashes at the record being read, at its first byte', () => {
    const bytes = file(rule(7, is(0, 5), is(1, 6)));
    expect(run(bytes.subarray(0, bytes.length - 2)).fault).toBe('READ_PAST_END rules[0].tests[1] @ 12');
    expect(run(Uint8Array.from([0x54, 0x59, 1, 0])).fault).toBe('READ_PAST_END rules[0] @ 3');
  });

  it('refuses before trusting: a short file, a wrong magic, a count over a limit (also an issue)', () => {
    expect(run(Uint8Array.from([0x54]))).toEqual({ outcome: 'reject', fault: 'TRUNCATED magic @ 0', issues: [] });
    expect(run(Uint8Array.from([0x54, 0x58, 0]))).toEqual({ outcome: 'reject', fault: 'BAD_MAGIC magic @ 0', issues: [] });
    expect(run(Uint8Array.from([0x54, 0x59, 5]))).toEqual({ outcome: 'reject', fault: 'LIMIT_EXCEEDED rule_count @ 2', issues: ['LIMIT_EXCEEDED rule_count @ 2'] });
  });

  // (The fault is also among the issues, as in src/simulate's result.)
  it('a text over the fixed buffer is a crash, and an issue at every other place it happens', () => {
    expect(run(file(rule(7, has(1, 'toolong')), rule(7, has(1, 'sixsix'))))).toEqual({
      // The text of rule 0's test starts at byte 9 (header 3, rule head 3, op, field, len); rule 1's at 22.
      outcome: 'crash', fault: 'REGEX_TOO_LONG rules[0].tests[0].chars @ 9', issues: ['REGEX_TOO_LONG rules[0].tests[0].chars @ 9', 'REGEX_TOO_LONG rules[1].tests[0].chars @ 22'],
    });
  });

  it('every read past the supplied count is an issue; the first one met is the fault', () => {
    expect(run(file(rule(7, is(3, 1)), rule(7, is(4, 1))))).toEqual({
      outcome: 'crash', fault: 'OOB_INPUT_READ rules[0].tests[0] @ 6', issues: ['OOB_INPUT_READ rules[0].tests[0] @ 6', 'OOB_INPUT_READ rules[1].tests[0] @ 15'],
    });
  });
});
