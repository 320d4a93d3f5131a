/**
 * The build precompiles schemas/preflight-schema.json (scripts/build-shape-validator.ts) so that
 * loading a schema need not load ajv and compile the JSON Schema on every run (issue 10, start-up).
 * Schema errors must read exactly as before: the precompiled validator gives the same error as
 * the one ajv compiles at run time, for every kind of mistake the loader words differently.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { shapeValidatorSource } from '../../scripts/build-shape-validator.js';
import { checkShape, newShapeAjv, shapeErrorOf, shapeSchemaDigest, shapeSchemaText } from '../../src/schema/load/validate-shape.js';
import type { ValidateFunction } from 'ajv';
import { ROOT } from './run-cli.js';

/** Evaluates generated module text as the loader's require would, resolving ajv from the package. */
function loadModule(source: string): { validate: ValidateFunction; digest: string } {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(join(ROOT, 'package.json')));
  return module.exports as unknown as { validate: ValidateFunction; digest: string };
}

const text = shapeSchemaText();
const runtime = newShapeAjv().compile(JSON.parse(text) as object);
const precompiled = loadModule(shapeValidatorSource(text));
const ccf = parse(readFileSync(join(ROOT, 'schemas', 'ccf-v1.yaml'), 'utf8')) as Record<string, unknown>;
const types = ccf.types as Record<string, { seq: Record<string, unknown>[] }>;
const header = types.header!;

const CASES: Array<[string, unknown]> = [
  ['a valid schema', ccf],
  ['not a mapping', 42],
  ['no keys', {}],
  ['a missing key', { format: 'x', root: 'a' }],
  ['an unknown top-level key', { ...ccf, colour: 'blue' }],
  ['an unknown key in a field', { ...ccf, types: { ...types, header: { ...header, seq: [{ ...header.seq[0], colour: 1 }, ...header.seq.slice(1)] } } }],
  ['a value outside an enum', { ...ccf, endian: 'middle' }],
  ['a format name that breaks the pattern', { ...ccf, format: 'no spaces allowed' }],
  ['a field of the wrong type', { ...ccf, types: { ...types, header: { ...header, seq: [{ ...header.seq[0], id: 7 }, ...header.seq.slice(1)] } } }],
  ['a field that is not a mapping', { ...ccf, types: { ...types, header: { ...header, seq: ['magic'] } } }],
];

describe('the precompiled schema-shape validator (issue 10, start-up)', () => {
  it('carries the digest of the JSON Schema it was made from', () => {
    expect(precompiled.digest).toBe(shapeSchemaDigest(text));
    expect(shapeSchemaDigest(`${text} `)).not.toBe(precompiled.digest);
  });

  it.each(CASES)('gives the same error as ajv at run time for %s', (_name, raw) => {
    expect(shapeErrorOf(precompiled.validate, raw)).toEqual(shapeErrorOf(runtime, raw));
  });

  it('the loader (precompiled when dist/ is fresh, else ajv) gives those same errors', () => {
    for (const [name, raw] of CASES) expect(checkShape(raw), name).toEqual(shapeErrorOf(runtime, raw));
    expect(checkShape(ccf)).toBeNull();
    expect(checkShape({})).not.toBeNull();
  });
});
