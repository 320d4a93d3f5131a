import { readFileSync, statSync } from 'node:fs';
import { parseProfile } from './parse-profile.js';
import { ProfileError } from '../../../src/consumer/profile-error.js';
import { MAX_PROFILE_BYTES } from './profile-limits.js';
import type { ConsumerProfile } from './types.js';

function tooLarge(path: string, size: number): ProfileError {
  return new ProfileError(path, 0, 0, '', `the profile is ${size.toLocaleString('en-US')} bytes, over the ${MAX_PROFILE_BYTES.toLocaleString('en-US')}-byte limit for profiles`);
}

/** Reads and validates one profile file (synchronously). Every error is a ProfileError. */
export function loadProfile(path: string): ConsumerProfile {
  let text: string;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new ProfileError(path, 0, 0, '', 'the profile is not a regular file');
    if (info.size > MAX_PROFILE_BYTES) throw tooLarge(path, info.size);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof ProfileError) throw err;
    throw new ProfileError(path, 0, 0, '', `cannot read profile: ${(err as Error).message}`);
  }
  return parseProfile(text, path);
}
