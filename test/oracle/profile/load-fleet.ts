import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile } from './load-profile.js';
import { ProfileError, profileFiles } from '../../../src/consumer/index.js';
import type { ConsumerProfile } from './types.js';

/**
 * Loads every profile file of `dir` (src/consumer's profileFiles: `*.yaml` / `*.yml` directly in
 * it, sorted, none is an error) as a CCF profile. Profile names must be unique.
 */
export function loadFleet(dir: string): readonly ConsumerProfile[] {
  const names = profileFiles(dir);
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
