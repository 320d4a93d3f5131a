import { readFileSync } from 'node:fs';
import { parseProfile } from './parse-profile.js';
import { ProfileError } from './profile-error.js';
import type { ConsumerProfile } from './types.js';

/** Reads and validates one profile file (synchronously). Every error is a ProfileError. */
export function loadProfile(path: string): ConsumerProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProfileError(path, 0, 0, '', `cannot read profile: ${(err as Error).message}`);
  }
  return parseProfile(text, path);
}
