import { collectHtmlReport } from '../../report/html/collect.js';
import { renderHtmlReport } from '../../report/html/index.js';
import { CliError } from '../cli-error.js';
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
  // Every file is read before any work: a name that leads nowhere stops the command with one line.
  const files = inputs.map((file) => ({ name: displayName(file), bytes: readInput(file, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) }));
  const report = collectHtmlReport({ version: VERSION, schema, ...(consumers !== undefined ? { consumers } : {}), files });
  writeOutput(opts.output, renderHtmlReport(report));
}
