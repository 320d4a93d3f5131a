import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../src/check/index.js';
import { formatPath } from '../../src/findings/index.js';
import { parseSchema } from '../../src/schema/index.js';

const schema = parseSchema(`
format: inner
endian: le
root: file
types:
  file:
    seq:
      - { id: a, type: u1, valid: [{ max: 5, code: BAD_VALUE }] }
      - { id: b, type: u1, valid: [{ max: 5, code: BAD_VALUE }] }
`, 'inner.yaml');

describe('check findings inside decompressed data carry inner_offset', () => {
  it('when the decode knows a node\'s offset inside its decompressed bytes, the finding says it', () => {
    const issues = checkStructure(schema, Uint8Array.from([9, 9]), {
      value: { a: 9, b: 9 },
      locate: (p) => (p.length === 0 ? { offset: 0, size: 2 } : { offset: 40, size: 10 }),
      innerOffset: (p) => (formatPath(p) === 'b' ? 7 : undefined),
    });
    expect(issues.map((i) => [formatPath(i.path), i.offset, i.details?.inner_offset])).toEqual([['a', 40, undefined], ['b', 40, 7]]);
  });
});
