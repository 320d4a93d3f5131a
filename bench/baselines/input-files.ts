/** The inputs of the whole-process baselines: the .bin files of each folder (sorted, as validate lists them), or the file itself. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function inputFiles(args: readonly string[]): string[] {
  return args.flatMap((a) => (statSync(a).isDirectory() ? readdirSync(a).filter((f) => f.endsWith('.bin')).sort().map((f) => join(a, f)) : [a]));
}
