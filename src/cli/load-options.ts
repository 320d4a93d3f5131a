import { statSync } from 'node:fs';
import { defaultFleetDir, loadFleet, parseProfile, type ConsumerProfile } from '../consumer/index.js';
import { defaultSchemaPath, loadSchema, parseSchema, type FormatSchema } from '../schema/index.js';
import { CONSUMER_MODEL_FORMAT } from '../validate/index.js';
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
 * `--profile` files and `--fleet` folders, or the bundled default fleet when neither is given.
 * Formats other than the one the simulated interpreter models get no consumers.
 */
export function resolveFleet(schema: FormatSchema, profiles: readonly string[], fleets: readonly string[]): readonly ConsumerProfile[] {
  const explicit = profiles.length > 0 || fleets.length > 0;
  if (schema.format !== CONSUMER_MODEL_FORMAT) {
    if (explicit) throw new CliError(`consumer profiles model ${CONSUMER_MODEL_FORMAT} consumers; schema ${boundValue(schema.format)} has no consumer model`);
    return [];
  }
  for (const dir of fleets) requireFolder(dir, '--fleet');
  const fleet = explicit
    ? [...fleets.flatMap((d) => loadFleet(d)), ...profiles.map((p) => parseProfile(readText(p, MAX_DEFINITION_SIZE), p))]
    : loadFleet(defaultFleetDir());
  const names = new Set<string>();
  for (const p of fleet) {
    if (names.has(p.name)) throw new CliError(`profile name ${boundValue(p.name)} is given twice (${boundValue(p.source)})`);
    names.add(p.name);
  }
  return fleet;
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

/** For repeatable options; works with or without a `[]` default (without, help shows no `(default: [])`). */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
