import { describe, expect, it } from 'vitest';
import { bucketId, bucketKey, faultLocation, InputChecker, parseBucketKey, type Hit } from '../../../src/fuzz/index.js';
import { bytesOf, JULY, JULY_KEY, ROOT, setup711 } from '../helpers.js';
import { join } from 'node:path';

const UNKNOWN_TEMPLATE = join(ROOT, 'corpus/ccf/codes/unknown-template.bin');

describe('bucket keys', () => {
  it('group by normalised location: a trailing index kept (the input field), every other index starred', () => {
    const hits: Hit[] = [];
    new InputChecker(setup711).simulateAll(bytesOf(UNKNOWN_TEMPLATE), undefined, hits, []);
    expect(hits.map(bucketKey)).toEqual(['crash|agent-7.11|UNKNOWN_TEMPLATE|instances[*].type_id']);
    expect(hits[0]!.path).toMatch(/^instances\[\d+\]\.type_id$/);
  });

  it('keep the criterion index only where it is part of the fault: which input is read', () => {
    const at = (i: number): (string | number)[] => ['instances', 3, 'criteria', i];
    // CCF: the criterion's position is its input number (index: _index), so the path says which.
    expect(faultLocation('OOB_INPUT_READ', at(20), { index: 20, supplied: 20, key: 1, positional: true })).toBe('instances[*].criteria[20]');
    expect(faultLocation('OOB_INPUT_READ', at(21), { index: 21, supplied: 20, key: 1, positional: true })).toBe('instances[*].criteria[21]');
    // A format that stores the input number in the element: the first missing input of a key, or
    // past it; never one bucket per stored value (a byte gives hundreds).
    const conds = (i: number): (string | number)[] => ['records', 1, 'body', 'conds', i];
    const read = (index: number, key = 2) => ({ index, supplied: 6, key, positional: false });
    expect(new Set([0, 5, 9].map((i) => faultLocation('OOB_INPUT_READ', conds(i), read(6))))).toEqual(new Set(['records[*].body.conds[*]{key 2: input 6}']));
    expect(new Set([7, 8, 200, 255].map((n) => faultLocation('OOB_INPUT_READ', conds(0), read(n))))).toEqual(new Set(['records[*].body.conds[*]{key 2: input >6}']));
    expect(faultLocation('OOB_INPUT_READ', conds(0), read(6, 3))).toBe('records[*].body.conds[*]{key 3: input 6}');
    for (const code of ['TYPE_CONFUSION', 'POOL_OOB', 'UNKNOWN_OP', 'REGEX_INVALID', 'REGEX_TOO_LONG', 'READ_PAST_END']) {
      expect(new Set([0, 7, 18].map((i) => faultLocation(code, at(i))))).toEqual(new Set(['instances[*].criteria[*]']));
    }
    expect(faultLocation('UNKNOWN_TEMPLATE', ['instances', 2, 'type_id'])).toBe('instances[*].type_id');
  });

  it('round-trip through parseBucketKey, location text included', () => {
    const hit = { kind: 'crash', profile: 'agent-7.11', fault: 'OOB_INPUT_READ', location: 'instances[*].criteria[20]' } as const;
    expect(parseBucketKey(bucketKey(hit))).toEqual(hit);
    expect(parseBucketKey('robustness||THROW|validate: Error: a|b')).toEqual({ kind: 'robustness', profile: '', fault: 'THROW', location: 'validate: Error: a|b' });
    expect(parseBucketKey('nonsense')).toBeUndefined();
    expect(parseBucketKey('weird|p|f|l')).toBeUndefined();
  });

  it('give stable, file-name-safe ids that differ per bucket', () => {
    const id = bucketId(JULY_KEY);
    expect(id).toMatch(/^OOB_INPUT_READ-agent-7\.11-[0-9a-f]{10}$/);
    expect(bucketId(JULY_KEY)).toBe(id);
    expect(bucketId(JULY_KEY.replace('[20]', '[21]'))).not.toBe(id);
    expect(bucketId('soundness|agent 7/11|POOL_OOB|instances[*].criteria[0]')).toMatch(/^soundness-POOL_OOB-agent_7_11-[0-9a-f]{10}$/);
  });

  it('put the July 2024 file in the OOB_INPUT_READ bucket of field 21', () => {
    const hits: Hit[] = [];
    const novel: number[] = [];
    const checker = new InputChecker(setup711);
    expect(checker.simulateAll(bytesOf(JULY), undefined, hits, novel)).toBe(false);
    expect(hits.map(bucketKey)).toEqual([JULY_KEY]);
    expect(hits[0]).toMatchObject({ path: 'instances[5].criteria[20]', offset: 358 });
  });
});
