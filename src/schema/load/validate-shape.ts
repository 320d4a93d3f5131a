import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { bundledSchemaDir, packageRoot } from '../bundled.js';

const require = createRequire(import.meta.url);

/**
 * The options the JSON Schema is compiled with, at build time (scripts/build-shape-validator.ts)
 * and at run time alike: the error objects, and so the messages, depend on them.
 */
export const SHAPE_AJV_OPTIONS: Readonly<Options> = { allErrors: true, strict: true, strictTypes: false };

/** Where the build writes the precompiled validator (ajv standalone code, never committed). */
export function precompiledShapeValidatorPath(): string {
  return join(packageRoot(), 'dist', 'schema', 'load', 'shape-validator.cjs');
}

/** The published JSON Schema's text, and the digest that ties a precompiled validator to it. */
export function shapeSchemaText(): string {
  return readFileSync(join(bundledSchemaDir(), 'preflight-schema.json'), 'utf8');
}

export function shapeSchemaDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

let validator: ValidateFunction | undefined;

/**
 * The JSON Schema published for schema files (schemas/preflight-schema.json), compiled once.
 * Compiling it with ajv costs more than the rest of a one-file run (ajv alone takes ~100 ms to
 * load, the compile ~130 ms), so the build precompiles it; that copy is used only when it was
 * made from the very text on disk (the schema changes while dist/ may be stale, e.g. under tests).
 */
function shapeValidator(): ValidateFunction {
  if (!validator) {
    const text = shapeSchemaText();
    validator = precompiled(text) ?? compileShapeValidator(text);
  }
  return validator;
}

function precompiled(text: string): ValidateFunction | undefined {
  const file = precompiledShapeValidatorPath();
  if (!existsSync(file)) return undefined;
  const mod = loadCommonJs(file).exports as { digest?: unknown; validate?: unknown };
  if (mod.digest !== shapeSchemaDigest(text) || typeof mod.validate !== 'function') return undefined;
  return mod.validate as ValidateFunction;
}

/**
 * `require(file)`, with the V8 code cache the build made beside it (`file.cache`) when there is one:
 * the validator is one large function, and compiling it took longer than the check itself. V8
 * refuses a cache made by another version or for other text, and then compiles as require would.
 */
export function loadCommonJs(file: string): { exports: unknown; script: Script } {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

/** ajv is loaded here only: when no fresh precompiled validator exists, or by the build step. */
export function newShapeAjv(extra: Readonly<Options> = {}): Ajv {
  const ajv = require('ajv') as typeof import('ajv');
  return new ajv.Ajv({ ...SHAPE_AJV_OPTIONS, ...extra });
}

function compileShapeValidator(text: string): ValidateFunction {
  return newShapeAjv().compile(JSON.parse(text) as object);
}

export interface ShapeError {
  readonly path: readonly (string | number)[];
  readonly reason: string;
}

/** Checks a parsed schema file against the published JSON Schema; returns the most specific error. */
export function checkShape(raw: unknown): ShapeError | null {
  return shapeErrorOf(shapeValidator(), raw);
}

/** The error `validate` gives `raw`, in the loader's words (exported so a test can compare validators). */
export function shapeErrorOf(validate: ValidateFunction, raw: unknown): ShapeError | null {
  if (validate(raw)) return null;
  const errors = validate.errors ?? [];
  // oneOf failures report every branch; the deepest error is the one a person can act on.
  const deepest = [...errors].sort((a, b) => depth(b) - depth(a))[0];
  return deepest ? toShapeError(deepest) : { path: [], reason: 'does not match the schema language' };
}

function depth(e: ErrorObject): number {
  return e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
}

function toShapeError(e: ErrorObject): ShapeError {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === 'additionalProperties') {
    const extra = String((e.params as { additionalProperty?: string }).additionalProperty);
    return { path: [...path, extra], reason: `unknown key "${extra}"` };
  }
  if (e.keyword === 'required') {
    return { path, reason: `missing key "${String((e.params as { missingProperty?: string }).missingProperty)}"` };
  }
  if (e.keyword === 'enum') {
    return { path, reason: `must be one of ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` };
  }
  return { path, reason: e.message ?? 'is not valid here' };
}
