import { diffFiles, diffJson, renderDiffText } from '../../triage/diff/index.js';
import { oneLine } from '../bound-text.js';
import { CliError, EXIT } from '../cli-error.js';
import { DEFAULT_MAX_FILE_SIZE, displayName, readInput, STDIN } from '../io.js';
import { noModelNote, resolveConsumers, resolveSchema } from '../load-options.js';
import { useColor } from '../runtime.js';
import type { DiffOpts } from './diff.js';

/** What `preflight diff` does, loaded only when it runs (see diff.ts for the options). */
export async function runDiff(oldFile: string, newFile: string, opts: DiffOpts): Promise<void> {
  if (oldFile === STDIN && newFile === STDIN) throw new CliError('stdin (-) can be read only once: give at least one of the two files by name');
  const schema = resolveSchema(opts.schema);
  const consumers = resolveConsumers(opts.schema, schema, opts.profile ?? [], opts.fleet ?? []);
  if (consumers === undefined) process.stderr.write(`preflight: ${noModelNote(opts.schema, schema)}: content changes and findings only, no consumer outcomes\n`);
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // Both paths are tried, so two bad ones are both named (one line each), not only the first.
  const [oldBytes, newBytes] = readBoth(oldFile, newFile, max);
  const diff = diffFiles({ schema, consumers, oldBytes, newBytes, ...(opts.maxChanges !== undefined ? { maxChanges: opts.maxChanges } : {}) });
  const files = { old: displayName(oldFile), new: displayName(newFile) };
  process.stdout.write(opts.format === 'json' ? diffJson(diff, files) : renderDiffText(diff, files, opts.color && useColor()));
  process.exitCode = diff.worse ? EXIT.findings : EXIT.ok;
}

function readBoth(oldFile: string, newFile: string, max: number): [Uint8Array, Uint8Array] {
  const read = (file: string): Uint8Array | CliError => {
    try {
      return readInput(file, max);
    } catch (e) {
      if (e instanceof CliError) return e;
      throw e;
    }
  };
  const [a, b] = [read(oldFile), read(newFile)];
  if (a instanceof CliError && b instanceof CliError) {
    // The first goes out as the command's error line; the second is written here, first.
    process.stderr.write(`preflight: ${oneLine(a.message)}\n`);
    throw b;
  }
  if (a instanceof CliError) throw a;
  if (b instanceof CliError) throw b;
  return [a, b];
}
