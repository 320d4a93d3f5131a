/**
 * Writes the hostile files of issue 7 section 3 to a folder, for measuring the CLI:
 *   npx tsx scripts/hostile-files.ts /tmp/hostile
 *   /usr/bin/time -v node dist/cli/main.js validate /tmp/hostile/fan-out.bin --format json -o /tmp/x.json
 * (look at "Elapsed (wall clock)" and "Maximum resident set size"). The random files are large;
 * none of these files belongs in the repository.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fanOut, manyInstances, nestedQuantifierPatterns, patternsFile, randomFile, slowCompilePatterns,
} from './hostile/builders.js';

const out = process.argv[2] ?? 'hostile-out';
mkdirSync(out, { recursive: true });
const files: Record<string, () => Uint8Array> = {
  'fan-out.bin': () => fanOut(),
  'redos-100.bin': () => patternsFile(nestedQuantifierPatterns()),
  'slow-re2-100.bin': () => patternsFile(slowCompilePatterns()),
  'instances-1m.bin': () => manyInstances(),
  'random-1mb.bin': () => randomFile(1 << 20),
  'random-10mb.bin': () => randomFile(10 << 20),
  'random-100mb.bin': () => randomFile(100 << 20),
};
for (const [name, build] of Object.entries(files)) {
  const bytes = build();
  writeFileSync(join(out, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
