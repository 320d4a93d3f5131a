import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/**
 * The consumer model that sits beside a schema by the naming convention: `NAME.consumer.yaml`
 * next to `NAME.yaml` (schemas/ccf-v1.consumer.yaml for schemas/ccf-v1.yaml). Undefined when there
 * is none: the format then has no consumer to simulate, and callers must say so, not run blind.
 */
export function modelBeside(schemaFile: string): string | undefined {
  const ext = extname(schemaFile);
  const candidate = join(dirname(schemaFile), `${basename(schemaFile, ext)}.consumer${ext || '.yaml'}`);
  return existsSync(candidate) ? candidate : undefined;
}
