/**
 * What the real-consumer benches (bench/exec*.ts) share: the CCF C example built by make, its
 * profile and schema, the seeds and corpus they feed it, and how each writes its own section of
 * bench/exec-results.md without disturbing the others'.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConsumers } from '../src/cli/load-options.js';
import { loadSchema } from '../src/schema/index.js';

export const root = join(import.meta.dirname, '..');
export const examples = join(root, 'examples', 'consumer-c');
export const profileFile = join(root, 'profiles', 'default', 'agent-7.11.yaml');
export const schemaFile = join(root, 'schemas', 'ccf-v1.yaml');
export const resultsFile = join(root, 'bench', 'exec-results.md');
/** The campaign's bucket of the out-of-bounds input read, as ASan reports it. */
export const OOB_INPUT_READ = 'crash|exec|EXEC_CRASH|heap-buffer-overflow READ in evaluate_instance < consume';
export const SPRING = ['2024-02-28-stress-test.bin', '2024-03-05-first-instance.bin', '2024-04-24-spring.bin'];

/** Builds the examples' make targets (`all` when none); a failed build ends the bench with exit 2. */
export function make(...targets: string[]): void {
  if (spawnSync('make', ['-C', examples, ...targets], { stdio: 'inherit' }).status !== 0) process.exit(2);
}

/** The first command-line argument as seconds, or the bench's default. */
export const secondsArg = (fallback: number): number => Number(process.argv[2] ?? fallback);

/** The spring 2024 story files (all three load on agent-7.11), as campaign seeds. */
export const springSeeds = (): { name: string; bytes: Uint8Array }[] =>
  SPRING.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'corpus', 'ccf', 'story', name))) }));

/** Every .bin of corpus/ccf, sorted by path. */
export const ccfCorpus = (): { name: string; bytes: Uint8Array }[] =>
  readdirSync(join(root, 'corpus', 'ccf'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin')).sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(root, 'corpus', 'ccf', name))) }));

/** The model and fleet of a campaign on agent-7.11. */
export function ccfConsumers(): NonNullable<ReturnType<typeof resolveConsumers>> {
  return resolveConsumers(schemaFile, loadSchema(schemaFile), [profileFile], [])!;
}

/** Replaces the section starting with `heading` in `file` (or appends it), keeping the others. */
export function writeSection(heading: string, section: string, file = resultsFile): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = text.indexOf(heading);
  const next = at < 0 ? -1 : text.indexOf('\n## ', at + 1);
  writeFileSync(file, at < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, at)}${section}${next < 0 ? '' : text.slice(next)}`);
}
