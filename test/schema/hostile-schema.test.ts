import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultSchemaPath, EvalError, evaluate, ExprSyntaxError, parseExpr, parseSchema, rootScope, SchemaError,
} from '../../src/schema/index.js';
import { MAX_ALIAS_EXPANSION } from '../../src/schema/load/yaml-safety.js';
import { thrownBy } from '../helpers/thrown.js';

// Issue 7 §4: each of these was a stack overflow, an internal error or minutes of work; each must be
// a one-line SchemaError with file, line and key.
const errorOf = (text: string): SchemaError => thrownBy(SchemaError, () => parseSchema(text, 'hostile.yaml'));
const withLets = (lets: string): string =>
  `format: t\nroot: file\ntypes:\n  file:\n    let: ${lets}\n    seq:\n      - { id: n, type: u1, repeat: a }\n`;
const oneLine = (e: Error): void => expect(e.message).not.toContain('\n');

describe('hostile schemas', () => {
  it('refuses let cycles at the let, naming the cycle (a stack overflow before)', () => {
    const two = errorOf(withLets('{ a: b + 1, b: a + 1 }'));
    expect(two.key).toMatch(/^types\.file\.let\.[ab]$/);
    expect(two.message).toMatch(/depends on itself \(([ab]) → [ab] → \1\)/);
    expect(two.line).toBe(5);
    const self = errorOf(withLets('{ a: a }'));
    expect(self.message).toMatch(/let a depends on itself \(a → a\)/);
    expect(errorOf(withLets('{ a: _root.a }')).message).toMatch(/depends on itself/);
    oneLine(two);
  });

  it('refuses a let chain that stands for too many evaluation steps', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `l${i + 1}: l${i} * l${i}`).join(', ');
    const e = errorOf(withLets(`{ a: l40, l0: 0xFFFFFFFFFFFFFFFF, ${chain} }`));
    expect(e.message).toMatch(/stands for more than 100,000 evaluation steps/);
    expect(e.key).toMatch(/^types\.file\.let\.l\d+$/);
  });

  it('bounds integers to a magnitude below 2^128: overflow is an evaluation error, a huge literal a syntax error', () => {
    const scope = rootScope({ x: 0xffffffffffffffffn }, 0, () => undefined);
    expect(evaluate(parseExpr('x * x'), scope)).toBe(0xffffffffffffffffn * 0xffffffffffffffffn);
    expect(() => evaluate(parseExpr('x * x * x'), scope)).toThrow(EvalError);
    expect(() => evaluate(parseExpr('x * x * x'), scope)).toThrow(/does not fit in 128 bits/);
    expect(() => evaluate(parseExpr('(x << 64) << 64'), scope)).toThrow(/128 bits/);
    expect(evaluate(parseExpr('0 - 340282366920938463463374607431768211455'), scope)).toBe(-(2n ** 128n - 1n));
    expect(() => evaluate(parseExpr('340282366920938463463374607431768211455 + 1'), scope)).toThrow(/128 bits/);
    expect(() => evaluate(parseExpr('-(0 - 340282366920938463463374607431768211455) + 1'), scope)).toThrow(/128 bits/);
    expect(() => parseExpr('1'.repeat(200))).toThrow(ExprSyntaxError);
    expect(() => parseExpr('0x' + 'f'.repeat(33))).toThrow(/too large/);
  });

  it('a let cycle the load cannot see is an evaluation error, not a stack overflow', () => {
    // Scopes built by hand bypass the load's check; the evaluator's own guard must hold.
    const lets = Object.assign(Object.create(null) as Record<string, ReturnType<typeof parseExpr>>, { a: parseExpr('b + 1'), b: parseExpr('a + 1') });
    const scope = rootScope({}, 0, () => undefined, lets);
    expect(() => evaluate(parseExpr('a'), scope)).toThrow(/depends on itself/);
    expect(() => evaluate(parseExpr('a'), scope)).toThrow(EvalError); // and again: the guard was cleared
  });

  it('refuses an alias bomb with a clear error, and accepts an anchor reused 59 times', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `format: t\nroot: file\n${levels.map((l) => `x-${l}`).join('\n')}\ntypes:\n  file:\n    seq: []\n`;
    const e = errorOf(bomb);
    expect(e.message).toMatch(/aliases expand to more than 200,000 nodes/);
    expect(e.line).toBeGreaterThan(2);
    oneLine(e);
    const reuse = `format: t\nroot: file\ntypes:\n  file:\n    seq:\n      - &f { id: f0, type: u1, valid: [{ max: 9, code: BAD_VALUE }] }\n${Array.from({ length: 59 }, (_, i) => `      - { id: f${i + 1}, type: u1, valid: *v }`).join('\n')}\n`;
    const fixed = reuse.replace('valid: [{ max: 9, code: BAD_VALUE }] }', 'valid: &v [{ max: 9, code: BAD_VALUE }] }');
    expect(parseSchema(fixed, 'reuse.yaml').types.get('file')!.fields).toHaveLength(60);
    expect(MAX_ALIAS_EXPANSION).toBe(200_000);
  });

  it('loads a chain of 20,000 nested types without overflowing the stack, and names a long self-containing chain', () => {
    const n = 20_000;
    // One line a type, to stay under the 1 MiB schema limit: about 900 KB.
    const chain = Array.from({ length: n }, (_, i) => (i + 1 < n ? `  t${i}: {seq: [{id: b, type: t${i + 1}}]}\n` : `  t${i}: {seq: []}\n`)).join('');
    const s = parseSchema(`format: t\nroot: t0\ntypes:\n${chain}`, 'chain.yaml');
    expect(s.types.size).toBe(n);
    // 2,000 types that contain each other in a ring, with nothing to end it.
    const loop = Array.from({ length: 2000 }, (_, i) => `  t${i}:\n    seq:\n      - { id: b, type: t${(i + 1) % 2000} }\n`).join('');
    const e = errorOf(`format: t\nroot: t0\ntypes:\n${loop}`);
    expect(e.message).toMatch(/contains itself/);
    expect(e.message.length).toBeLessThan(400);
  }, 60_000);

  it('a field or let named constructor is a name like any other', () => {
    const text = 'format: t\nroot: file\ntypes:\n  file:\n    let: { size: 2 }\n    seq:\n      - { id: constructor, type: u1 }\n      - { id: to_string, type: u1, repeat: constructor }\n';
    expect(parseSchema(text, 'c.yaml').types.get('file')!.fields[0]!.id).toBe('constructor');
    expect(parseSchema(text.replace('{ size: 2 }', '{ constructor: 2 }').replace('id: constructor', 'id: value_of'), 'c.yaml').types.get('file')!.lets).toBeDefined();
  });

  it('YAML nested 20,000 deep is a one-line error, not a stack trace', () => {
    const e = errorOf(`format: t\nroot: f\ntypes: { f: { seq: [] } }\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(e.message).toMatch(/^hostile\.yaml:4:\d+: not valid YAML: the YAML nests too deeply$/);
  });

  it('duplicate keys are found in linear time and named', () => {
    const e = errorOf('format: t\nroot: file\ntypes:\n  file:\n    seq: []\n  file:\n    seq: []\n');
    expect(e.message).toMatch(/duplicate key "file"/);
    expect(e.key).toBe('types.file');
    expect(e.line).toBe(6);
  });
});

describe('rule messages (contract D)', () => {
  it('asserts and valid rules take an optional plain sentence', () => {
    const text = 'format: t\nroot: file\ntypes:\n  file:\n    seq:\n      - { id: n, type: u1, valid: [{ max: 3, code: BAD_COUNT, message: At most three. }] }\n    asserts:\n      - { rule: n > 0, code: CONSTRAINT, message: The count is at least one. }\n';
    const file = parseSchema(text, 'm.yaml').types.get('file')!;
    expect(file.fields[0]!.valid[0]!.message).toBe('At most three.');
    expect(file.asserts[0]!.message).toBe('The count is at least one.');
    expect(errorOf(text.replace('message: At most three.', 'message: ""')).key).toMatch(/valid\[0\]\.message/);
  });

  it('every assert in the bundled schemas has one', () => {
    for (const name of ['ccf-v1', 'sigpack-v1']) {
      const s = parseSchema(readFileSync(defaultSchemaPath().replace('ccf-v1', name), 'utf8'), name);
      for (const struct of s.types.values()) {
        for (const a of struct.asserts) expect(a.message, `${name} ${struct.name}: ${a.rule.source}`).toMatch(/^[A-Z].*\.$/);
        for (const f of struct.fields) for (const v of f.valid) if (v.rule.kind === 'expr') expect(v.message, `${name} ${f.id}`).toMatch(/^[A-Z].*\.$/);
      }
    }
  });
});

describe('schema size limit', () => {
  it('refuses a schema over 1 MiB in one line, before parsing it', async () => {
    const { MAX_SCHEMA_BYTES } = await import('../../src/schema/load/load-schema.js');
    expect(MAX_SCHEMA_BYTES).toBe(1024 * 1024);
    const e = errorOf(`format: t\nroot: f\ntypes: { f: { seq: [] } }\n#${'x'.repeat(MAX_SCHEMA_BYTES)}\n`);
    expect(e.message).toMatch(/^hostile\.yaml:0:0: the schema is [\d,]+ bytes, over the 1,048,576-byte limit for schema files$/);
  });
});
