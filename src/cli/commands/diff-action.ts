import { diffFiles, diffJson, renderDiffText } from '../../triage/diff/index.js';
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
  const oldBytes = readInput(oldFile, max);
  const newBytes = readInput(newFile, max);
  const diff = diffFiles({ schema, consumers, oldBytes, newBytes, ...(opts.maxChanges !== undefined ? { maxChanges: opts.maxChanges } : {}) });
  const files = { old: displayName(oldFile), new: displayName(newFile) };
  process.stdout.write(opts.format === 'json' ? diffJson(diff, files) : renderDiffText(diff, files, opts.color && useColor()));
  process.exitCode = diff.worse ? EXIT.findings : EXIT.ok;
}
