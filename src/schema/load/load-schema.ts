import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { FormatSchema } from '../model.js';
import { buildModel, type Fail } from './build-model.js';
import { checkModel } from './check-model.js';
import { loadImports } from './imports.js';
import { prebuiltRaw } from './prebuilt-raw.js';
import { resolveNames } from './resolve-names.js';
import { SchemaError } from './schema-error.js';
import { checkShape } from './validate-shape.js';
import { keyPath, positionOf } from './yaml-position.js';
import { checkYamlDocument, yamlErrorText } from './yaml-safety.js';

const cache = new Map<string, FormatSchema>();

/**
 * Schemas are written by hand: the bundled ones are 5-6 KB. Loading is linear, but the YAML parser
 * alone takes 3-10 s per megabyte on a busy two-core machine, so a schema is refused above 1 MiB
 * (a 9.5 MB schema of 200,000 types took more than 10 minutes before loading was made linear).
 */
export const MAX_SCHEMA_BYTES = 1024 * 1024;

function tooLarge(file: string, size: number): SchemaError {
  return new SchemaError(file, 0, 0, '', `the schema is ${size.toLocaleString('en-US')} bytes, over the ${MAX_SCHEMA_BYTES.toLocaleString('en-US')}-byte limit for schema files`);
}

/** Loads and validates a schema file; every problem is a SchemaError naming file, line and key. */
export function loadSchema(file: string): FormatSchema {
  const cached = cache.get(file);
  if (cached) return cached;
  let text: string;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new SchemaError(file, 0, 0, '', 'the schema is not a regular file');
    if (info.size > MAX_SCHEMA_BYTES) throw tooLarge(file, info.size);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof SchemaError) throw e;
    throw new SchemaError(file, 0, 0, '', `cannot read the schema file: ${(e as Error).message}`);
  }
  const schema = parseSchema(text, file);
  cache.set(file, schema);
  return schema;
}

export function parseSchema(text: string, source: string): FormatSchema {
  if (text.length > MAX_SCHEMA_BYTES) throw tooLarge(source, text.length);
  const prebuilt = prebuiltRaw(text);
  if (prebuilt !== undefined) {
    const schema = schemaFromDocument(prebuilt, source);
    if (schema) return schema;
  }
  return fromYaml(text, source);
}

/** The schema of a parsed document that the build found valid; undefined at the first problem (the caller parses the YAML to locate it). */
export function schemaFromDocument(raw: unknown, source: string): FormatSchema | undefined {
  try {
    return fromRaw(raw, source, () => { throw NEEDS_POSITIONS; });
  } catch (e) {
    if (e !== NEEDS_POSITIONS) throw e;
    return undefined;
  }
}

/** Thrown by the prebuilt path's `fail`: the YAML is parsed after all, so the error has its line. */
const NEEDS_POSITIONS = new Error('the schema needs its YAML positions');

/** The parsed YAML document of a schema (what the build keeps for bundled schemas), or its error. */
export function schemaDocument(text: string, source: string): unknown {
  return parseYaml(text, source).raw;
}

function fromYaml(text: string, source: string): FormatSchema {
  const { raw, fail } = parseYaml(text, source);
  return fromRaw(raw, source, fail);
}

function fromRaw(raw: unknown, source: string, fail: Fail): FormatSchema {
  const shape = checkShape(raw);
  if (shape) fail(shape.path, shape.reason);
  const rawSchema = raw as Record<string, unknown>;
  const imported = loadImports(rawSchema.imports as string[] | undefined, source, fail, loadSchema);
  const schema = buildModel(rawSchema, source, fail, imported);
  checkModel(schema, fail, imported.typeNames);
  resolveNames(schema, fail, imported.typeNames);
  return schema;
}

function parseYaml(text: string, source: string): { raw: unknown; fail: Fail } {
  const lines = new LineCounter();
  // uniqueKeys is quadratic in the yaml package: checkYamlDocument finds duplicate keys in linear time.
  // Integers as bigint, so that a 64-bit literal is exact (exactIntegers below).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, intAsBigInt: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const { line, col } = lines.linePos(yamlError.pos[0]);
    throw new SchemaError(source, line, col, '', `not valid YAML: ${yamlErrorText(yamlError.message)}`);
  }
  const fail: Fail = (path, reason) => {
    const pos = positionOf(doc, lines, path);
    throw new SchemaError(source, pos.line, pos.column, keyPath(path), reason);
  };
  const unsafe = checkYamlDocument(doc);
  if (unsafe) {
    const { line, col } = lines.linePos(unsafe.node?.range?.[0] ?? 0);
    throw new SchemaError(source, line, col, keyPath(unsafe.path ?? []), `not valid YAML: ${unsafe.reason}`);
  }
  exactIntegers(doc);
  return { raw: doc.toJS({ maxAliasCount: -1 }), fail };
}

/**
 * YAML integers arrive as bigint: those a double holds exactly become numbers, as every key
 * expects; larger ones become their decimal text, which the rule keys (eq, min, max, in, mask)
 * and expressions read exactly. A bare 0x89504E470D0A1A0A would otherwise round to ...1800.
 */
function exactIntegers(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'bigint') return;
      const n = Number(node.value);
      node.value = Number.isSafeInteger(n) ? n : node.value.toString();
    },
  });
}
