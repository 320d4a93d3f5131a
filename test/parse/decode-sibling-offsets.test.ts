/**
 * Issue 10 trap "sibling offsets fail in arrays": offsetof()/sizeof()/end() of a sibling field inside
 * an array element must answer while the element is being decoded (a size computed from them), and
 * afterwards for the checks, however the array is made.
 */
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

const el = `  el:\n    seq:\n      - { id: a, type: u1 }\n      - { id: b, type: bytes, size: "end(a) - offsetof(a) + sizeof(a) - 1", valid: [{ expr: "offsetof(b) == end(a) && sizeof(b) == 1", code: CONSTRAINT }] }\n`;
const arrays: Record<string, string> = {
  'repeat: count': `      - { id: items, type: el, repeat: 2 }\n`,
  'repeat_bytes': `      - { id: items, type: el, repeat_bytes: 4 }\n`,
  'repeat: until': `      - { id: items, type: el, repeat: until, repeat_until: _index == 1 }\n`,
  'repeat: eos': `      - { id: items, type: el, repeat: eos }\n`,
  'placed (at)': `      - { id: items, type: el, repeat: 2, at: "_index * 2" }\n`,
  'sized elements': `      - { id: items, type: el, size: 2, repeat: 2 }\n`,
  'switch elements': `      - { id: items, type: { switch_on: 1, cases: { 1: el } }, repeat: 2 }\n`,
};

describe('offsetof/sizeof/end of a sibling inside an array element', () => {
  for (const [name, field] of Object.entries(arrays)) {
    it(name, () => {
      const schema = parseSchema(`format: t\nroot: file\ntypes:\n  file:\n    seq:\n${field}${el}`, 't.yaml');
      const bytes = Uint8Array.from([1, 2, 3, 4]);
      const d = decode(schema, bytes);
      expect(d.issues).toEqual([]);
      expect(d.value.items).toEqual([{ a: 1, b: Uint8Array.from([2]) }, { a: 3, b: Uint8Array.from([4]) }]);
      expect(d.locate(['items', 1, 'b'])).toEqual({ offset: 3, size: 1 });
      expect(validateBytes('x.bin', bytes, { schema }).findings).toEqual([]);
    });
  }

  it('in a nested array inside an element', () => {
    const schema = parseSchema(`format: t\nroot: file\ntypes:\n  file:\n    seq:\n      - { id: outer, type: holder, repeat: 2 }\n  holder:\n    seq:\n      - { id: items, type: el, repeat: 1 }\n${el}`, 't.yaml');
    const d = decode(schema, Uint8Array.from([1, 2, 3, 4]));
    expect(d.issues).toEqual([]);
    expect(d.locate(['outer', 1, 'items', 0, 'b'])).toEqual({ offset: 3, size: 1 });
  });
});
