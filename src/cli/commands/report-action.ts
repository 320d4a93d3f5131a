import { collectHtmlReport } from '../../report/html/collect.js';
import { renderHtmlReport } from '../../report/html/index.js';
import { oneLine } from '../bound-text.js';
import { CliError, EXIT } from '../cli-error.js';
import { DEFAULT_MAX_FILE_SIZE, displayName, readInput, STDIN } from '../io.js';
import { resolveConsumers, resolveSchema } from '../load-options.js';
import { checkOutputPath, writeOutput } from '../output.js';
import { VERSION } from '../runtime.js';
import type { ReportOpts } from './report.js';

/** What `preflight report` does, loaded only when it runs (see report.ts for the options). */
export async function runReport(inputs: string[], opts: ReportOpts): Promise<void> {
  if (inputs.filter((i) => i === STDIN).length > 1) throw new CliError('stdin (-) can be read only once');
  checkOutputPath(opts.output);
  const schema = resolveSchema(opts.schema);
  const consumers = resolveConsumers(opts.schema, schema, opts.profile ?? [], opts.fleet ?? []);
  // A path that cannot be read (missing, a folder, not a regular file, over the size limit) is one
  // line naming it, and the page is still made of the others: exit 2, as validate does.
  const files: { name: string; bytes: Uint8Array }[] = [];
  const unreadable: string[] = [];
  for (const file of inputs) {
    try {
      files.push({ name: displayName(file), bytes: readInput(file, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) });
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      unreadable.push(e.message);
    }
  }
  if (files.length === 0 && unreadable.length === 1) throw new CliError(unreadable[0]!);
  for (const line of unreadable) process.stderr.write(`preflight: ${oneLine(line)}\n`);
  if (unreadable.length > 0) process.exitCode = EXIT.usage;
  if (files.length === 0) return;
  const report = collectHtmlReport({ version: VERSION, schema, ...(consumers !== undefined ? { consumers } : {}), files, unreadable });
  writeOutput(opts.output, renderHtmlReport(report));
}
