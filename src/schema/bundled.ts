import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: found by walking up from this module, so it works from src/ (tests) and dist/ (CLI). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('preflight: cannot find its package root (no package.json above the module)');
}

export function bundledSchemaDir(): string {
  return join(packageRoot(), 'schemas');
}

export function defaultSchemaPath(): string {
  return join(bundledSchemaDir(), 'ccf-v1.yaml');
}
