import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModelProfile, type ConsumerModel, type ModelProfile } from '../../model/index.js';
import { parseBucketKey } from '../../fuzz/engine/bucket.js';
import type { Sidecar } from '../../fuzz/store/sidecar.js';
import { defaultSchemaPath, type FormatSchema } from '../../schema/index.js';
import { CliError } from '../cli-error.js';
import { noModelNote, resolveConsumers, resolveSchema } from '../load-options.js';

type Origin = 'bundled' | 'given' | 'sidecar';

export interface ReplaySetup {
  readonly schema: FormatSchema;
  readonly model: ConsumerModel;
  readonly fleet: readonly ModelProfile[];
  /** Which schema and profiles, in words, for the report. */
  readonly schemaNote: string;
  readonly fleetNote: string;
  readonly schemaUsed: { readonly file: string; readonly from: Origin };
  readonly fleetUsed: { readonly from: Origin; readonly profiles: readonly { readonly name: string; readonly source: string }[] };
}

interface Choice { schema?: string; profile: readonly string[]; fleet: readonly string[]; trustSidecarPaths: boolean; /** --exec: the real consumer's name (its buckets need no profile). */ execName?: string }

/**
 * The schema and profiles replay uses. A sidecar is input (it may come from a downloaded CI
 * artifact): the paths it names are loaded only with --trust-sidecar-paths. Otherwise the
 * given files, else the bundled ones; the report says which, and what the sidecar named.
 */
export function chooseReplaySetup(file: string, sidecar: Sidecar | undefined, o: Choice): ReplaySetup {
  const trusted = o.trustSidecarPaths && sidecar !== undefined;
  const json = `${file.replace(/\.bin$/i, '')}.json`;
  let schemaFile: string;
  let schemaFrom: Origin;
  if (o.schema !== undefined) [schemaFile, schemaFrom] = [o.schema, 'given'];
  else if (trusted) {
    if (!existsSync(sidecar.schema)) throw new CliError(`${json}: the schema it names, ${sidecar.schema}, does not exist; give --schema`);
    [schemaFile, schemaFrom] = [sidecar.schema, 'sidecar'];
  } else [schemaFile, schemaFrom] = [defaultSchemaPath(), 'bundled'];
  const schema = resolveSchema(schemaFile);

  const given = o.profile.length > 0 || o.fleet.length > 0;
  const consumers = resolveConsumers(schemaFile, schema, o.profile, o.fleet);
  if (consumers === undefined) throw new CliError(`replay needs consumers to run the file against: ${noModelNote(schemaFile, schema)}`);
  const { model } = consumers;
  let fleet: readonly ModelProfile[];
  let fleetFrom: Origin;
  if (given) [fleet, fleetFrom] = [consumers.profiles, 'given'];
  else if (trusted && sidecar.profile_source !== undefined) [fleet, fleetFrom] = [[sidecarProfile(json, sidecar, model)], 'sidecar'];
  else [fleet, fleetFrom] = [consumers.profiles, 'bundled'];

  const k = sidecar !== undefined ? parseBucketKey(sidecar.bucket) : undefined;
  if (k !== undefined && k.profile !== '' && k.profile === o.execName) {
    // A bucket of the real consumer: replayed with --exec, whatever the fleet.
  } else if (k !== undefined && k.profile !== '' && !fleet.some((p) => p.name === k.profile)) {
    const which = fleetFrom === 'given' ? 'the given profiles do' : 'the bundled default fleet does';
    const hint = sidecar?.profile_source !== undefined && !trusted
      ? `give --profile FILE (the sidecar names ${sidecar.profile_source}; --trust-sidecar-paths loads it)`
      : 'give --profile FILE';
    throw new CliError(`${file}: it failed on profile ${k.profile}, which ${which} not include; ${hint}`);
  }

  const untrustedSchema = sidecar !== undefined && !trusted && o.schema === undefined && resolve(sidecar.schema) !== resolve(defaultSchemaPath())
    ? ` (the sidecar names ${sidecar.schema}; --trust-sidecar-paths loads it)` : '';
  const untrustedProfile = sidecar?.profile_source !== undefined && fleetFrom === 'bundled'
    ? ` (the sidecar names ${sidecar.profile_source}; --trust-sidecar-paths loads it)` : '';
  const names = fleet.map((p) => p.name).join(', ') || 'none';
  return {
    schema, model, fleet,
    schemaNote: `${schemaFrom === 'bundled' ? `bundled ${schema.format}` : schemaFile}${schemaFrom === 'sidecar' ? ' (named by the sidecar)' : ''}${untrustedSchema}`,
    fleetNote: `${fleetFrom === 'bundled' ? 'bundled default fleet' : fleetFrom === 'sidecar' ? 'named by the sidecar' : 'given'}: ${names}${untrustedProfile}`,
    schemaUsed: { file: schemaFile, from: schemaFrom },
    fleetUsed: { from: fleetFrom, profiles: fleet.map((p) => ({ name: p.name, source: p.source })) },
  };
}

/** With --trust-sidecar-paths: the profile file the campaign loaded. Gone or renamed: an error, never a silent fallback. */
function sidecarProfile(json: string, sidecar: Sidecar, model: ConsumerModel): ModelProfile {
  const source = sidecar.profile_source!;
  if (!existsSync(source)) {
    throw new CliError(`${json}: the profile file it names, ${source}, does not exist any more; give --profile or --fleet`);
  }
  const p = loadModelProfile(source, model);
  if (p.name !== sidecar.profile) throw new CliError(`${json}: ${source} now holds profile ${p.name}, not ${sidecar.profile}; give --profile or --fleet`);
  return p;
}
