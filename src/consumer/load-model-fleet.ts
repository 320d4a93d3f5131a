import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelProfile } from '../model/load/read-profile.js';
import type { ConsumerModel, ModelFleet, ModelProfile } from '../model/types.js';
import { ProfileError } from './profile-error.js';

const PROFILE_FILE = /\.ya?ml$/;

/**
 * The profiles of a fleet folder, each read through `model`'s `profile:` declaration: every
 * `*.yaml` / `*.yml` file directly in `dir` (not recursive), sorted by file name (code-unit
 * order). Profile names must be unique; an empty folder is an error. Every error is a ProfileError
 * naming the file (or the folder), the line and the key.
 */
export function loadModelFleet(dir: string, model: ConsumerModel): ModelFleet {
  return { model, profiles: uniqueNames(profileFiles(dir).map((file) => loadModelProfile(join(dir, file), model))) };
}

/** The profile files of a fleet folder, by the rules above: a ProfileError when there are none. */
export function profileFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && PROFILE_FILE.test(d.name))
      .map((d) => d.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    throw new ProfileError(dir, 0, 0, '', `cannot read fleet folder: ${(err as Error).message}`);
  }
  if (names.length === 0) throw new ProfileError(dir, 0, 0, '', 'fleet folder holds no *.yaml or *.yml profile');
  return names;
}

/** The profiles as given, or a ProfileError at the second one to use a name (naming the first). */
export function uniqueNames(profiles: readonly ModelProfile[]): readonly ModelProfile[] {
  const byName = new Map<string, ModelProfile>();
  for (const profile of profiles) {
    const first = byName.get(profile.name);
    if (first !== undefined) {
      throw new ProfileError(profile.source, nameLine(profile.source), 1, 'name', `profile name "${profile.name}" is also used by ${first.source}`);
    }
    byName.set(profile.name, profile);
  }
  return profiles;
}

/** The line of the top-level `name:` key (for the duplicate-name error), 0 if not found. */
function nameLine(file: string): number {
  try {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    return lines.findIndex((l) => /^name\s*:/.test(l)) + 1;
  } catch {
    return 0;
  }
}
