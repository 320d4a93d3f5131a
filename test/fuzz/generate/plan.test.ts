import { describe, expect, it } from 'vitest';
import { generateFrom, recordedSource } from '../../../src/fuzz/generate/index.js';
import { planFor } from '../../../src/fuzz/generate/plan.js';
import { parseSchema } from '../../../src/schema/index.js';
import { ccf, hints } from './setup.js';

/** `two`, selected inline by tag 2, has a field `x` as its struct does: the first drawn is kept. */
const DUPLICATE = parseSchema(`
format: dup-v1
title: an inline case that repeats a field of its struct
endian: le
root: rec
types:
  rec:
    seq:
      - { id: tag, type: u1, valid: [{ eq: 2, code: BAD_VALUE }] }
      - id: body
        type: { switch_on: tag, cases: { 1: one, 2: two } }
        inline: true
      - { id: x, type: u1, valid: [{ eq: 7, code: BAD_VALUE }] }
  one:
    seq:
      - { id: a, type: u1 }
  two:
    seq:
      - { id: x, type: u1, valid: [{ eq: 9, code: BAD_VALUE }] }
`, 'dup.yaml');

const distinct = (schema: typeof ccf): Record<string, boolean> =>
  Object.fromEntries([...planFor(schema).structs].map(([def, p]) => [def.name, p.distinct]));

describe('struct plans', () => {
  it('know which structs never hold a field before it is drawn (no id repeated by an inline case)', () => {
    expect(Object.values(distinct(ccf)).every(Boolean)).toBe(true);
    expect(distinct(DUPLICATE)).toEqual({ rec: false, one: true, two: true });
  });

  it('keep the value an inline case drew for an id its struct repeats', () => {
    // All-zero words: a clean file, every rule's own value (tag 2, then the case's x = 9).
    expect(generateFrom(DUPLICATE, hints, recordedSource([]))).toEqual({ tag: 2, x: 9 });
  });
});
