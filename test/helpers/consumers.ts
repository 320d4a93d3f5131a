import { resolveConsumers } from '../../src/cli/load-options.js';
import type { ModelFleet } from '../../src/model/index.js';
import { defaultSchemaPath, loadSchema, type FormatSchema } from '../../src/schema/index.js';

const cache = new Map<string, ModelFleet | undefined>();

/**
 * The consumers `preflight validate --schema FILE` simulates by default: the model beside the
 * schema with its default fleet (`fleet:`), or undefined for a format without a model. Loaded once
 * per schema file (against `schema` when given, else the file itself).
 */
export function defaultConsumers(schemaFile: string = defaultSchemaPath(), schema?: FormatSchema): ModelFleet | undefined {
  if (!cache.has(schemaFile)) cache.set(schemaFile, resolveConsumers(schemaFile, schema ?? loadSchema(schemaFile), [], []));
  return cache.get(schemaFile);
}

/** The bundled CCF model with profiles/default/: agent-7.11 (20 inputs for type 1) and agent-7.16. */
export function ccfConsumers(): ModelFleet {
  return defaultConsumers()!;
}
