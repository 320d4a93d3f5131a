import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EvalError, evaluate, evaluateRef, ExprSyntaxError, parseExpr, rootScope } from '../../src/schema/index.js';

const scope = (obj: Record<string, unknown>, ioSize = 100) => rootScope(obj, ioSize, () => ({ offset: 7, size: 3 }));
const ev = (src: string, obj: Record<string, unknown> = {}) => evaluate(parseExpr(src), scope(obj));

describe('schema expressions', () => {
  it('follow C precedence and integer arithmetic', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('7 / 2')).toBe(3);
    expect(ev('1 << 4 | 1')).toBe(17);
    expect(ev('3 > 2 && 2 > 1 ? 10 : 20')).toBe(10);
    expect(ev('0xAAAAAAAA')).toBe(0xaaaaaaaa);
  });

  it('stay exact beyond 2^53 (u8 values are bigints)', () => {
    expect(ev('x + 1', { x: 2n ** 64n - 2n })).toBe(2n ** 64n - 1n);
    expect(ev('lo <= hi', { lo: 2n ** 63n, hi: 5 })).toBe(false);
    expect(ev('0xFFFFFFFF * 0xFFFFFFFF')).toBe(0xffffffffn * 0xffffffffn);
  });

  it('read fields, members, indexes, _io.size and the builtins', () => {
    const obj = { header: { n: 2 }, items: [{ id: 5, k: 1 }, { id: 9, k: 2 }], text: 'héllo' };
    expect(ev('header.n + _io.size', obj)).toBe(102);
    expect(ev('items[1].id', obj)).toBe(9);
    expect(ev('len(items) + len(text)', obj)).toBe(2 + 6);
    expect(ev("lookup(items, 'id', 9).k", obj)).toBe(2);
    expect(ev("lookup(items, 'id', 4) == null", obj)).toBe(true);
    expect(ev("has(items, 'id', 5)", obj)).toBe(true);
    expect(ev('end(items) + offsetof(items) + sizeof(items)', obj)).toBe(10 + 7 + 3);
  });

  it('report what is wrong and where', () => {
    expect(() => parseExpr('1 +')).toThrow(ExprSyntaxError);
    expect(() => parseExpr('a ; b')).toThrow(/unexpected character ";"/);
    expect(() => parseExpr('process.exit(1)')).toThrow(/expected a field name|unknown function|unexpected/);
    expect(() => parseExpr('require("fs")')).toThrow(/unknown function require/);
    expect(() => ev('missing + 1')).toThrow(EvalError);
    expect(() => ev('1 / 0')).toThrow(/division by zero/);
    expect(() => ev('items[5]', { items: [1] })).toThrow(/outside/);
  });

  it('never throw anything but their own errors, and never hang, on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (src) => {
        try {
          ev(src, { a: 1, b: [1, 2], c: { d: 3 } });
        } catch (e) {
          expect(e instanceof ExprSyntaxError || e instanceof EvalError).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('bound nesting depth and length', () => {
    expect(() => parseExpr('('.repeat(200) + '1' + ')'.repeat(200))).toThrow(/nests too deeply/);
    expect(() => parseExpr('1+'.repeat(600) + '1')).toThrow(/longer than/);
  });
});

describe('the path-free evaluator and the path-tracking one agree', () => {
  const names = fc.constantFrom('a', 'b', 'c', 'c.d', 'b[1]', 'b[0]', 'lookup(items, "id", 9).k', 'len(b)', '_io.size', 'missing', 'constructor');
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small' },
      names,
      fc.integer({ min: -3, max: 300 }).map(String),
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '==', '<', '&&', '||', '&'), tie('e')).map(([l, op, r]) => `(${l} ${op} ${r})`),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([t, a, b]) => `(${t} ? ${a} : ${b})`),
    ),
  })).e as fc.Arbitrary<string>;

  it('on the same value or the same error', () => {
    const obj = { a: 1, b: [1, 2n], c: { d: 3 }, items: [{ id: 9, k: 4 }] };
    const outcome = (f: () => unknown) => {
      try {
        return { value: f() };
      } catch (e) {
        return { error: (e as Error).name };
      }
    };
    fc.assert(fc.property(expr, (src) => {
      const parsed = parseExpr(src);
      expect(outcome(() => evaluate(parsed, scope(obj)))).toEqual(outcome(() => evaluateRef(parsed, scope(obj)).value));
    }), { numRuns: 1500 });
  });
});
