import type { Baseline } from '../../baseline/index.js';
import type { FileReport, ValidationReport } from '../../report/model.js';
import { formatCatalog, type ValidateOptions } from '../../validate/index.js';
import { CliError, EXIT } from '../cli-error.js';
import { DEFAULT_MAX_FILE_SIZE, listInputs, STDIN } from '../io.js';
import { noModelNote, resolveConsumers, resolveSchema } from '../load-options.js';
import { outputTarget, STDOUT } from '../output.js';
import { FileProgress } from '../progress.js';
import { planOutputs, writeReports, type ReportOutput } from '../report-outputs.js';
import { useColor, VERSION } from '../runtime.js';
import { gateWithBaseline, loadBaseline, saveBaseline } from '../validate-baseline.js';
import { validateFilesOnCores } from '../validate-pool.js';
import type { ValidateOpts } from './validate.js';
import { execSetupOf } from '../exec-options.js';

/** What `preflight validate` does, loaded only when it runs (see validate.ts for the options). */
export async function runValidate(inputs: string[], opts: ValidateOpts): Promise<void> {
  if (inputs.filter((i) => i === STDIN).length > 1) throw new CliError('stdin (-) can be read only once');
  const outputs = planOutputs(
    { format: opts.format, file: opts.output ?? STDOUT },
    extraOutputs(opts),
    opts.writeBaseline !== undefined ? [opts.writeBaseline] : [],
  );
  const schema = resolveSchema(opts.schema);
  const consumers = resolveConsumers(opts.schema, schema, opts.profile ?? [], opts.fleet ?? []);
  // The codes the schema and its model define: a baseline may accept them, and reports describe them.
  const codes = formatCatalog(schema, consumers?.model.codes);
  const baseline: Baseline | undefined = opts.baseline !== undefined ? loadBaseline(opts.baseline, codes) : undefined;
  if (consumers === undefined) note(`${noModelNote(opts.schema, schema)}: structural checks only, no consumers, no blast radius`);
  // --exec: the real consumer too (docs/real-consumers.md); checked before any work.
  const exec = execSetupOf(opts, consumers?.profiles ?? []);
  if (exec !== undefined && inputs.includes(STDIN)) throw new CliError('--exec runs the real consumer on files: stdin (-) cannot be read twice; save it to a file');
  const entries = listInputs(inputs, '.bin');
  const validate: ValidateOptions = {
    schema,
    ...(consumers ? { consumers } : {}),
    ...(opts.maxFindingsPerCode !== undefined ? { maxFindingsPerCode: opts.maxFindingsPerCode } : {}),
    // The sha256 of each file only when something shows or matches it (the text report does not).
    hash: outputs.some((o) => o.format !== 'text') || opts.baseline !== undefined || opts.writeBaseline !== undefined,
    ...(opts.timeBudget !== undefined || opts.nodeBudget !== undefined
      ? { budget: { ...(opts.timeBudget !== undefined ? { timeMs: opts.timeBudget } : {}), ...(opts.nodeBudget !== undefined ? { nodes: opts.nodeBudget } : {}) } }
      : {}),
  };
  const progress = opts.progress && entries.length > 1 ? new FileProgress(process.stderr, entries.length) : undefined;
  const maxFileSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // Many files are validated on every core (worker threads); each file's report is the same either way.
  const { schema: _s, consumers: _c, ...rest } = validate;
  const setup = { schemaFile: opts.schema, profiles: opts.profile ?? [], fleets: opts.fleet ?? [], validate: rest, maxFileSize };
  const validated = await validateFilesOnCores(entries, { validate, maxFileSize, ...(progress ? { progress } : {}) }, setup);
  const checked = exec === undefined ? validated : await withExec(validated, exec, codes);
  const files = baseline !== undefined ? gateWithBaseline(checked, baseline, note) : checked;
  const report: ValidationReport = {
    tool: { name: 'preflight', version: VERSION },
    schema: { name: schema.format, source: schema.source },
    fleet: (consumers?.profiles ?? []).map((p) => ({ name: p.name, population: p.population, source: p.source })),
    files,
    ...(codes.size > 0 ? { codes } : {}),
  };
  await writeReports(report, outputs, opts.color && useColor());
  if (opts.writeBaseline !== undefined) saveBaseline(opts.writeBaseline, files, note);
  // The text report on stdout already shows each error; anywhere else, say it on stderr too.
  const textOnStdout = outputs[0]!.format === 'text' && outputTarget(outputs[0]!.file) === STDOUT;
  if (!textOnStdout) for (const f of files) if (f.error !== undefined) note(f.error);
  process.exitCode = exitCode(files, opts);
}

async function withExec(files: readonly FileReport[], exec: NonNullable<ReturnType<typeof execSetupOf>>, codes: ReturnType<typeof formatCatalog>): Promise<FileReport[]> {
  const { withRealConsumer } = await import('../../exec/validate-exec.js');
  const { closeRunners } = await import('../../exec/hits.js');
  try {
    return withRealConsumer(files, exec, codes);
  } finally {
    closeRunners();
  }
}

function exitCode(files: readonly FileReport[], opts: ValidateOpts): number {
  if (files.some((f) => f.verdict === 'error')) return EXIT.usage;
  const failed = files.some((f) => f.verdict === 'fail') || (opts.strict === true && files.some((f) => f.verdict === 'warn'));
  return failed && !opts.exitZero ? EXIT.findings : EXIT.ok;
}

function extraOutputs(opts: ValidateOpts): ReportOutput[] {
  const out: ReportOutput[] = [];
  if (opts.json !== undefined) out.push({ format: 'json', file: opts.json });
  if (opts.sarif !== undefined) out.push({ format: 'sarif', file: opts.sarif });
  if (opts.junit !== undefined) out.push({ format: 'junit', file: opts.junit });
  return out;
}

function note(line: string): void {
  process.stderr.write(`preflight: ${line}\n`);
}

