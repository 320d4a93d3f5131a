import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * Absolute path of the bundled default fleet, `profiles/default/` at the package root.
 * The root is the nearest folder above this module holding a package.json, so this works
 * from `src/` (vitest, tsx) and from `dist/` (after tsc) alike.
 */
export function defaultFleetDir(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) break;
    const up = dirname(dir);
    if (up === dir) throw new Error('preflight: cannot find the package root (no package.json above the consumer module)');
    dir = up;
  }
  cached = join(dir, 'profiles', 'default');
  return cached;
}
