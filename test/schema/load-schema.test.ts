import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, loadSchema, parseSchema, SchemaError } from '../../src/schema/index.js';
import { thrownBy } from '../helpers/thrown.js';

const ccf = readFileSync(defaultSchemaPath(), 'utf8');

const errorOf = (text: string): SchemaError => thrownBy(SchemaError, () => parseSchema(text, 'broken.yaml'));

describe('loading schemas', () => {
  it('loads both bundled schemas', () => {
    expect(loadSchema(defaultSchemaPath()).format).toBe('ccf-v1');
    expect(loadSchema(defaultSchemaPath().replace('ccf-v1', 'sigpack-v1')).endian).toBe('be');
  });

  it.each([
    ['an unknown integer type', ccf.replace('{ id: channel, type: u2', '{ id: channel, type: u3'), /types\.header\.seq\[3\]\.type/],
    ['an unknown key', ccf.replace('{ id: channel, type: u2', '{ id: channel, colour: red, type: u2'), /unknown key "colour"/],
    ['an undefined type', ccf.replace('type: template_type', 'type: template_typo'), /type template_typo is not defined/],
    ['an unknown finding code', ccf.replace('code: BAD_MAGIC', 'code: NOT_A_CODE'), /NOT_A_CODE is not a finding code/],
    ['a syntax error in an expression', ccf.replace('repeat: header.type_count', "repeat: 'header.type_count +'"), /expression ends too early/],
    ['an undefined enum', ccf.replace('enum: opcode', 'enum: opcodes'), /enum opcodes is not defined/],
    ['a bytes field without size', ccf.replace('        size: header.pool_size\n', ''), /needs a size/],
  ])('names the file, line and key for %s', (_what, text, message) => {
    const e = errorOf(text);
    expect(e.message).toMatch(/^broken\.yaml:\d+:\d+: /);
    expect(e.line).toBeGreaterThan(0);
    expect(e.message).toMatch(message);
  });

  it('points at the right line', () => {
    const text = ccf.replace('{ id: channel, type: u2', '{ id: channel, type: u3');
    const line = text.split('\n').findIndex((l) => l.includes('type: u3')) + 1;
    expect(errorOf(text).line).toBe(line);
  });

  it('rejects a struct that contains itself with nothing to end it', () => {
    const text = 'format: x\nroot: a\ntypes:\n  a:\n    seq:\n      - { id: b, type: b }\n  b:\n    seq:\n      - { id: a, type: a }\n';
    expect(errorOf(text).message).toMatch(/contains itself/);
  });

  it('a schema cannot smuggle code: names are identifiers, expressions are interpreted', () => {
    const evil = 'format: x\nroot: a\ntypes:\n  a:\n    seq:\n      - { id: "x; process.exit(1)", type: u1 }\n';
    expect(errorOf(evil).message).toMatch(/seq\[0\]\.id/);
    const evilExpr = 'format: x\nroot: a\ntypes:\n  a:\n    seq:\n      - { id: n, type: u1, repeat: "this.constructor.constructor(\'return process\')()" }\n';
    expect(errorOf(evilExpr).message).toMatch(/repeat/);
  });
});
