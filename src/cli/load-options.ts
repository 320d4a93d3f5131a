import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { loadModelFleet } from '../consumer/index.js';
import { loadModel, modelBeside, parseModelProfile, type ModelFleet } from '../model/index.js';
import { defaultSchemaPath, loadSchema, parseSchema, type FormatSchema } from '../schema/index.js';
import { boundValue } from './bound-text.js';
import { CliError } from './cli-error.js';
import { fsProblem } from './fs-words.js';
import { readText } from './io.js';
import { kindOf } from './read-bounded.js';

/** Schemas and profiles are text a person wrote: anything near this size is not one. */
export const MAX_DEFINITION_SIZE = 64 * 1024 * 1024;

/**
 * The given schema, read with the same checks as any input (a regular file, bounded: a FIFO
 * or /dev/zero given as --schema must not hang or fill memory), or the bundled one.
 */
export function resolveSchema(file: string | undefined): FormatSchema {
  if (file === undefined) return loadSchema(defaultSchemaPath());
  return parseSchema(readText(file, MAX_DEFINITION_SIZE), file);
}

/**
 * The consumers to simulate: the consumer model beside the schema (NAME.consumer.yaml next to
 * NAME.yaml; the bundled schema's own model when no --schema is given) with the `--profile` files
 * and `--fleet` folders, or the model's default fleet (its `fleet:` folder) when neither is given.
 * Undefined when the schema has no model: the caller runs structural checks only and says so;
 * asking for profiles then is an error. Profiles are read through the model's `profile:`
 * declaration, so any format's profiles work.
 */
export function resolveConsumers(schemaFile: string | undefined, schema: FormatSchema, profiles: readonly string[], fleets: readonly string[]): ModelFleet | undefined {
  const explicit = profiles.length > 0 || fleets.length > 0;
  const modelFile = modelBeside(schemaFile ?? defaultSchemaPath());
  if (modelFile === undefined) {
    if (explicit) throw new CliError(`--profile and --fleet need a consumer model, and schema ${boundValue(schema.format)} has none (${boundValue(expectedModel(schemaFile))} beside the schema)`);
    return undefined;
  }
  const model = loadModel(modelFile, schema);
  for (const dir of fleets) requireFolder(dir, '--fleet');
  if (!explicit) {
    if (model.fleetDir === undefined) throw new CliError(`the consumer model ${boundValue(modelFile)} names no default fleet (fleet:); give --profile or --fleet`);
    return loadModelFleet(model.fleetDir, model);
  }
  const list = [
    ...fleets.flatMap((d) => loadModelFleet(d, model).profiles),
    ...profiles.map((p) => parseModelProfile(readText(p, MAX_DEFINITION_SIZE), p, model)),
  ];
  const names = new Set<string>();
  for (const p of list) {
    if (names.has(p.name)) throw new CliError(`profile name ${boundValue(p.name)} is given twice (${boundValue(p.source)})`);
    names.add(p.name);
  }
  return { model, profiles: list };
}

/**
 * Why a format has no consumers, naming the file that would give it some (the model beside the
 * schema); each command says what that means for it (validate: structural checks only).
 */
export function noModelNote(schemaFile: string | undefined, schema: FormatSchema): string {
  return `schema ${boundValue(schema.format)} has no consumer model (${boundValue(expectedModel(schemaFile))})`;
}

function expectedModel(schemaFile: string | undefined): string {
  const file = schemaFile ?? defaultSchemaPath();
  const ext = extname(file);
  return `${basename(file, ext)}.consumer${ext || '.yaml'}`;
}

function requireFolder(dir: string, flag: string): void {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new CliError(`${flag}: ${fsProblem(e, 'read', dir)}`);
  }
  if (!st.isDirectory()) throw new CliError(`${flag} takes a folder of profiles; ${boundValue(dir)} is ${st.isFile() ? 'a file (use --profile for one profile)' : kindOf(st)}`);
}
