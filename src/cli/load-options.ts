import { defaultFleetDir, loadFleet, loadProfile, type ConsumerProfile } from '../consumer/index.js';
import { defaultSchemaPath, loadSchema, type FormatSchema } from '../schema/index.js';
import { CONSUMER_MODEL_FORMAT } from '../validate/index.js';
import { CliError } from './cli-error.js';

export function resolveSchema(file: string | undefined): FormatSchema {
  return loadSchema(file ?? defaultSchemaPath());
}

/**
 * `--profile` files and `--fleet` folders, or the bundled default fleet when neither is given.
 * Formats other than the one the simulated interpreter models get no consumers.
 */
export function resolveFleet(schema: FormatSchema, profiles: readonly string[], fleets: readonly string[]): readonly ConsumerProfile[] {
  const explicit = profiles.length > 0 || fleets.length > 0;
  if (schema.format !== CONSUMER_MODEL_FORMAT) {
    if (explicit) throw new CliError(`consumer profiles model ${CONSUMER_MODEL_FORMAT} consumers; schema ${schema.format} has no consumer model`);
    return [];
  }
  const fleet = explicit ? [...fleets.flatMap((d) => loadFleet(d)), ...profiles.map((p) => loadProfile(p))] : loadFleet(defaultFleetDir());
  const names = new Set<string>();
  for (const p of fleet) {
    if (names.has(p.name)) throw new CliError(`profile name ${p.name} is given twice (${p.source})`);
    names.add(p.name);
  }
  return fleet;
}

export const collect = (value: string, previous: string[]): string[] => [...previous, value];
