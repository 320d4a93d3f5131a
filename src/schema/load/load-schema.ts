import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { FormatSchema } from '../model.js';
import { buildModel, type Fail } from './build-model.js';
import { checkModel } from './check-model.js';
import { SchemaError } from './schema-error.js';
import { checkShape } from './validate-shape.js';
import { keyPath, positionOf } from './yaml-position.js';

const cache = new Map<string, FormatSchema>();

/** Loads and validates a schema file; every problem is a SchemaError naming file, line and key. */
export function loadSchema(file: string): FormatSchema {
  const cached = cache.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SchemaError(file, 0, 0, '', `cannot read the schema file: ${(e as Error).message}`);
  }
  const schema = parseSchema(text, file);
  cache.set(file, schema);
  return schema;
}

export function parseSchema(text: string, source: string): FormatSchema {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const { line, col } = lines.linePos(yamlError.pos[0]);
    throw new SchemaError(source, line, col, '', `not valid YAML: ${clip(yamlError.message.split('\n')[0] ?? '')}`);
  }
  const fail: Fail = (path, reason) => {
    const pos = positionOf(doc, lines, path);
    throw new SchemaError(source, pos.line, pos.column, keyPath(path), reason);
  };
  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  const shape = checkShape(raw);
  if (shape) fail(shape.path, shape.reason);
  const schema = buildModel(raw as Record<string, unknown>, source, fail);
  checkModel(schema, fail);
  return schema;
}

/** YAML errors can quote a whole paragraph of the offending text: one line is enough to act on. */
function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
