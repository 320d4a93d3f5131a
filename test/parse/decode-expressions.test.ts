import { describe, expect, it } from 'vitest';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';

const schemaOf = (types: string) => parseSchema(`format: t\nroot: file\ntypes:\n${types}`, 't.yaml');
const run = (types: string, bytes: number[]) => decode(schemaOf(types), new Uint8Array(bytes));

/** Regressions found by the fast path's differential tests: a failed expression is never silent. */
describe('an expression the decoder cannot evaluate on a complete file is a finding', () => {
  it('a switch tag', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: pick, type: { switch_on: "10 / n", cases: { 1: one } } }\n      - { id: after, type: u1 }\n  one:\n    seq:\n      - { id: x, type: u1 }\n`, [0, 5, 6]);
    expect(d.complete).toBe(false);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: ['pick'] })]);
  });

  it('an at offset', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: far, type: u1, at: "10 / n" }\n`, [0, 5]);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: ['far'] })]);
  });

  it('one element of a placed array', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: far, type: u1, repeat: 3, at: "10 / (2 - _index)" }\n`, [1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: ['far', 2] })]);
    expect(d.value.far).toEqual([9, 14]);
  });

  it('a view', () => {
    const d = run(`  file:\n    seq:\n      - { id: n, type: u1 }\n      - { id: pool, type: bytes, size: 2 }\n      - { id: v, type: str, view: pool, at: "1 / n", size: 1 }\n`, [0, 65, 66]);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'CONSTRAINT', path: ['v'] })]);
  });
});

describe('names resolve to fields and lets only', () => {
  it('a struct with fields named like a scope is still a struct', () => {
    const d = run(`  file:\n    seq:\n      - { id: s, type: obj }\n      - { id: items, type: u1, repeat: s.root }\n  obj:\n    seq:\n      - { id: object, type: u1 }\n      - { id: root, type: u1 }\n      - { id: locate, type: u1 }\n`, [1, 2, 3, 9, 9]);
    expect(d.issues).toEqual([]);
    expect(d.value.items).toEqual([9, 9]);
  });

  it('never reaches Object.prototype', () => {
    const withLet = run(`  file:\n    let: { constructor: 2 }\n    seq:\n      - { id: items, type: u1, repeat: constructor }\n`, [7, 8, 9]);
    expect(withLet.value.items).toEqual([7, 8]);
    // An inherited property is not a name: since names are resolved at load, that is a schema error there.
    expect(() => run(`  file:\n    seq:\n      - { id: items, type: u1, repeat: "toString == null ? 1 : 2" }\n`, [7, 8, 9])).toThrow(/toString is not a field or let/);
  });
});
