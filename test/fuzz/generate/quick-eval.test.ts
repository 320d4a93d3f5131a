import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNKNOWN, judgeOf, quickOf } from '../../../src/fuzz/generate/quick-eval.js';
import { EvalError, childScope, evaluate, parseExpr, rootScope, type CompiledExpr, type Scope } from '../../../src/schema/index.js';

/** Every leaf kind the evaluator meets: own fields, lets, the specials, members, indexes, calls. */
const LEAVES = [
  'a', 'b', 'c', 'n', 'z', 'f', 'big', 'huge', 's', 'u', 'bytes', 'nul', 'undef', 'neg0', 'missing', 'constructor', '_x',
  'c.d', 'c.e', 'c.missing', 'b[1]', 'b[0]', 'b[5]', 'b[-1]', 'b[f]', 'bytes[1]', 'b[big]', 'nul.x', 'nul[0]', 'a.x', 'b.x', 's[0]',
  'twice', 'alias', 'broken', 'cnt', '_parent.p', '_parent.twice', '_parent.nope', '_root.p', '_root.a', '_parent._parent.p',
  '_index', '_io.size', '_io.other', '_io', '_root', '_parent',
  'len(b)', 'len(s)', 'len(u)', 'len(bytes)', 'len(a)', 'len(missing)', 'min(a, n)', 'max(big, huge)', 'min(f, a)', 'max(a, missing)',
  'lookup(items, "id", 9).k', 'lookup(items, "id", a)', 'has(items, "id", 2)', 'lookup(a, "id", 1)', 'offsetof(a)', 'sizeof(b)',
  '9007199254740991', '9007199254740993', '18446744073709551615', '0', '1', '-3', 'true', 'false', 'null', '"x"', "'ab'",
];
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '&', '|', '^', '<<', '>>'];

const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...LEAVES),
    fc.tuple(tie('e'), fc.constantFrom(...BINARY), tie('e')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([t, a, b]) => `(${t} ? ${a} : ${b})`),
    fc.tuple(fc.constantFrom('!', '-', '~'), tie('e')).map(([op, x]) => `${op}(${x})`),
    fc.tuple(fc.constantFrom('min', 'max'), tie('e'), tie('e')).map(([fn, x, y]) => `${fn}(${x}, ${y})`),
    tie('e').map((x) => `len(${x})`),
    fc.tuple(tie('e'), tie('e')).map(([x, i]) => `(${x})[${i}]`),
  ),
})).e as fc.Arbitrary<string>;

const LETS: Record<string, CompiledExpr> = {
  twice: parseExpr('a * 2'), alias: parseExpr('c'), broken: parseExpr('missing + 1'), cnt: parseExpr('len(b) + twice'),
  n: parseExpr('-999'), // shadowed by the own field n
};

function scopes(index: number | undefined): Scope {
  const root = rootScope({ p: 5, a: 7, twice: 'own' }, 300, () => undefined, { twice: parseExpr('p * 2') });
  const mid = childScope(root, { p: 6 }, ['m'], undefined, { twice: parseExpr('p + p'), nope: parseExpr('_index') });
  const obj = {
    a: 3, b: [1, 2n, 3], c: { d: 4, e: undefined }, n: -2, z: 0, f: 1.5, big: 2n ** 70n, huge: 2 ** 60, s: 'héllo', u: '\ud800x\u{1F600}',
    bytes: Uint8Array.of(9, 8), nul: null, undef: undefined, neg0: -0, _x: 1, items: [{ id: 9, k: 4 }, { id: 2 }],
  };
  return childScope(mid, obj, ['m', 'x'], index, LETS);
}

type Outcome = { value: unknown } | { error: true };

function reference(e: CompiledExpr, s: Scope): Outcome {
  try {
    return { value: evaluate(e, s) };
  } catch (err) {
    if (err instanceof EvalError) return { error: true };
    throw err;
  }
}

function quick(e: CompiledExpr, s: Scope): Outcome {
  const v = quickOf(e)(s);
  return v === UNKNOWN ? { error: true } : { value: v };
}

/** Values compared as the generator reads them: same type, same number (0 and -0 told apart), same contents. */
function shown(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? 'number -0' : `number ${v}`;
  if (typeof v === 'bigint') return `bigint ${v}`;
  if (v instanceof Uint8Array) return `bytes ${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'object' && v !== null && 'path' in v && 'object' in v) return `scope ${JSON.stringify((v as Scope).path)}`;
  if (typeof v === 'object' && v !== null) return `${Array.isArray(v) ? 'array' : 'object'} ${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}`;
  return `${typeof v} ${String(v)}`;
}
const show = (o: Outcome): string => ('error' in o ? 'error' : shown(o.value));

const caches = (s: Scope | null): unknown[] => (s ? [[...(s.letCache ?? new Map())].map(([k, v]) => `${k}=${String(v)}`), ...caches(s.parent)] : []);

describe('quick evaluation', () => {
  it('gives what the reference evaluator gives, and UNKNOWN exactly where it throws', () => {
    fc.assert(fc.property(expr, fc.constantFrom(undefined, 0, 1, 4), (src, index) => {
      const e = parseExpr(src);
      const s1 = scopes(index);
      const s2 = scopes(index);
      const want = reference(e, s1);
      const got = quick(e, s2);
      expect(show(got), src).toBe(show(want));
      // Lets are memoised in the same caches, with the same values.
      expect(caches(s2)).toEqual(caches(s1));
    }), { numRuns: 4000 });
  });

  it('judges a new scope as the reference does, and memoises in the parents\' caches as it does', () => {
    fc.assert(fc.property(expr, fc.constantFrom(undefined, 0, 3), (src, index) => {
      const e = parseExpr(src);
      const s1 = scopes(index);
      const s2 = scopes(index);
      const judge = (s: Scope): Outcome => { const v = judgeOf(e, LETS)(s); return v === UNKNOWN ? { error: true } : { value: v }; };
      expect(show(judge(s2)), src).toBe(show(reference(e, s1)));
      // The judged scope itself is dropped after a judgement: only its parents' caches must match.
      expect(caches(s2.parent)).toEqual(caches(s1.parent));
      // A scope with lets memoised already is evaluated as quickOf does.
      const s3 = scopes(index);
      s3.letCache = new Map();
      expect(show(judge(s3)), src).toBe(show(quick(e, scopes(index))));
    }), { numRuns: 3000 });
  });

  it('keeps the reference\'s number conventions at the edges of the safe range', () => {
    for (const src of ['9007199254740991 + 1', '9007199254740991 + 0', '-9007199254740991 - 1', '4294967296 * 2097152', '4294967296 * 2097151',
      '-(9007199254740991)', '~(9007199254740991)', '~(-9007199254740992)', '0 * -1', '-(0)', 'neg0 + 0', 'neg0 == 0', 'huge + 1', 'huge == huge',
      'big - big', 'big > huge', 'min(neg0, 1)', 'max(huge, 1)', '7 / 2', '-7 % 2', '-4 % 2', '1 << 64', '1 << 65', 'f == f', 'f < 2', 'len(u)']) {
      const e = parseExpr(src);
      expect(show(quick(e, scopes(1))), src).toBe(show(reference(e, scopes(1))));
    }
  });
});
