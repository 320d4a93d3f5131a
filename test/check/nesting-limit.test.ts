import { describe, expect, it } from 'vitest';
import { MAX_NESTING } from '../../src/budget/limits.js';
import { checkStructure } from '../../src/check/index.js';
import { compileFastDecoder } from '../../src/parse/compile/index.js';
import { decode } from '../../src/parse/index.js';
import { parseSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';

/** A recursive tree: each node has a value (at most 100) and its children. */
const tree = parseSchema(`
format: tree
endian: le
root: file
types:
  file:
    seq:
      - { id: top, type: node }
  node:
    seq:
      - { id: value, type: u1, valid: [{ max: 100, code: BAD_VALUE }] }
      - { id: child_count, type: u1 }
      - { id: children, type: node, repeat: child_count }
`, 'tree.yaml');

/** A chain of `levels` nodes (one child each, the last none); node `bad` (0 = the top) holds 200. */
function chain(levels: number, bad: number): Uint8Array {
  const out = new Uint8Array(levels * 2);
  for (let k = 0; k < levels; k++) {
    out[2 * k] = k === bad ? 200 : 1;
    out[2 * k + 1] = k === levels - 1 ? 0 : 1;
  }
  return out;
}

const codes = (bytes: Uint8Array) => validateBytes('t.bin', bytes, { schema: tree });

describe('issue 7 §2: a recursive schema is never passed with part of the file unchecked', () => {
  it('fails a bad value at depth 66 (the checks used to stop silently below depth 64: PASS)', () => {
    const bytes = chain(70, 66);
    expect(bytes.length).toBe(140);
    const r = codes(bytes);
    expect(r.verdict).toBe('fail');
    expect(r.findings.map((f) => f.code)).toEqual(['BAD_VALUE']);
    expect(r.findings[0]!.path).toBe(`top${'.children[0]'.repeat(66)}.value`);
  });

  it('fails the same value at depth 10, as before', () => {
    expect(codes(chain(70, 10)).findings.map((f) => f.code)).toEqual(['BAD_VALUE']);
  });

  it('stops deeper than MAX_NESTING with DECODE_BUDGET where it stopped, and the verdict is not pass', () => {
    const r = codes(chain(MAX_NESTING + 20, -1));
    expect(r.verdict).toBe('fail');
    const budget = r.findings.filter((f) => f.code === 'DECODE_BUDGET');
    expect(budget).toHaveLength(1);
    expect(budget[0]!.details).toMatchObject({ budget: 'depth', limit: MAX_NESTING });
    expect(budget[0]!.path).toBe(`top${'.children[0]'.repeat(MAX_NESTING)}`);
    expect(budget[0]!.offset).toBe(2 * MAX_NESTING);
  });

  it('decodes a 2,000-byte hostile chain without overflowing the stack', () => {
    const r = codes(chain(1000, 999));
    expect(r.verdict).toBe('fail');
    expect(r.findings.some((f) => f.code === 'DECODE_BUDGET')).toBe(true);
  });

  it('the checks have their own limit, for values deeper than any decode produced', () => {
    // Built by hand, as a decoder without a limit would produce it.
    let value: Record<string, unknown> = { value: 200, child_count: 0, children: [] };
    for (let k = 0; k < MAX_NESTING + 5; k++) value = { value: 1, child_count: 1, children: [value] };
    const issues = checkStructure(tree, new Uint8Array(0), { value: { top: value }, locate: () => undefined });
    expect(issues.map((i) => i.code)).toEqual(['DECODE_BUDGET']);
    expect(issues[0]!.details).toMatchObject({ budget: 'depth', stage: 'checks' });
  });
});

describe('issue 7 §3: recursion through `at` is bounded too', () => {
  const loop = parseSchema(`
format: loop
endian: le
root: file
types:
  file:
    seq:
      - { id: first, type: link }
  link:
    seq:
      - { id: tag, type: u1 }
      - { id: next, type: link, at: 0 }
`, 'loop.yaml');

  it('a record that places itself at offset 0 stops at the nesting limit on a 10-byte file', () => {
    const d = decode(loop, new Uint8Array(10));
    expect(d.issues.map((i) => i.code)).toEqual(['DECODE_BUDGET']);
    const r = validateBytes('l.bin', new Uint8Array(10), { schema: loop });
    expect(r.verdict).toBe('fail');
  });
});

describe('issue 7 §3: a chain of 2,000 nested types', () => {
  let text = 'format: chain\nendian: le\nroot: t0\ntypes:\n';
  for (let i = 0; i < 2000; i++) text += `  t${i}:\n    seq:\n      - { id: v, type: u1 }\n${i < 1999 ? `      - { id: c, type: t${i + 1} }\n` : ''}`;
  const chained = parseSchema(text, 'chain.yaml');

  it('the compiled fast path declines it at once (it took seconds, then overflowed the stack at 20,000)', () => {
    const started = performance.now();
    expect(compileFastDecoder(chained).unsupported).toMatch(/nests too deeply|nests more than/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('the decoder stops at the nesting limit with a finding', () => {
    const r = validateBytes('c.bin', new Uint8Array(2000), { schema: chained });
    expect(r.verdict).toBe('fail');
    expect(r.findings.map((f) => f.code)).toEqual(['DECODE_BUDGET']);
  });
});
