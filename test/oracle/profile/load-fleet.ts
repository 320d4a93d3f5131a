import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from './load-profile.js';
import { ProfileError } from '../../../src/consumer/profile-error.js';
import type { ConsumerProfile } from './types.js';

const PROFILE_FILE = /\.ya?ml$/;

/**
 * Loads every `*.yaml` / `*.yml` file directly in `dir` (not recursive), sorted by file
 * name (code-unit order). Profile names must be unique; an empty folder is an error.
 */
export function loadFleet(dir: string): readonly ConsumerProfile[] {
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
  const byName = new Map<string, ConsumerProfile>();
  const fleet: ConsumerProfile[] = [];
  for (const file of names) {
    const profile = loadProfile(join(dir, file));
    const first = byName.get(profile.name);
    if (first !== undefined) {
      throw new ProfileError(profile.source, nameLine(profile.source), 1, 'name', `profile name "${profile.name}" is also used by ${first.source}`);
    }
    byName.set(profile.name, profile);
    fleet.push(profile);
  }
  return fleet;
}

/** The line of the top-level `name:` key (for the duplicate-name error), 0 if not found. */
function nameLine(file: string): number {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const i = lines.findIndex((l) => /^name\s*:/.test(l));
  return i + 1;
}
