import { boundValue } from '../bound-text.js';
import { DEFAULT_SHOW_LIMITS, InspectError, inspectFile, parseOffset, renderInspectJson, renderInspectText } from '../../triage/inspect/index.js';
import { CliError } from '../cli-error.js';
import { DEFAULT_MAX_FILE_SIZE, displayName, readInput } from '../io.js';
import { resolveConsumers, resolveSchema } from '../load-options.js';
import { STDOUT, writeOutput } from '../output.js';
import { useColor } from '../runtime.js';
import type { InspectOpts } from './inspect.js';

/** What `preflight inspect` does, loaded only when it runs (see inspect.ts for the options). */
export async function runInspect(file: string, opts: InspectOpts): Promise<void> {
  if (opts.at !== undefined && opts.path !== undefined) throw new CliError('--at and --path cannot be combined: --at names the fields of one byte, --path shows one subtree');
  const at = opts.at !== undefined ? parseOffset(opts.at) : undefined;
  if (opts.at !== undefined && at === undefined) throw new CliError(`--at ${boundValue(opts.at)}: not a byte offset; give a whole number such as 358 or 0x166`);
  if (opts.path !== undefined && opts.path.trim() === '') throw new CliError('--path is empty; give a path such as instances[5].criteria[20]');
  const schema = resolveSchema(opts.schema);
  const consumers = resolveConsumers(opts.schema, schema, opts.profile ?? [], opts.fleet ?? []);
  const bytes = readInput(file, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  let inspection;
  try {
    inspection = inspectFile({ file: displayName(file), bytes, schema, consumers, path: opts.path, at });
  } catch (e) {
    if (e instanceof InspectError) throw new CliError(`${displayName(file)}: ${e.message}`);
    throw e;
  }
  const limits = {
    ...DEFAULT_SHOW_LIMITS,
    ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
  };
  const text = opts.format === 'json'
    ? renderInspectJson(inspection, limits)
    : renderInspectText(inspection, limits, opts.color && useColor());
  writeOutput(STDOUT, text);
}
