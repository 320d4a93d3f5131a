import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, modelBeside } from '../../model/index.js';
import { formatCatalog } from '../../validate/index.js';
import { bundledSchemaDir, defaultSchemaPath, loadSchema, type FormatSchema } from '../../schema/index.js';
import { explainCode, explainFile, nearCodes, renderCodeExplanation, renderExplanation, type CodeExplanation } from '../../triage/explain/index.js';
import { boundValue } from '../bound-text.js';
import { CliError, EXIT } from '../cli-error.js';
import { DEFAULT_MAX_FILE_SIZE, readInput, STDIN, STDIN_NAME } from '../io.js';
import { noModelNote, resolveConsumers, resolveSchema } from '../load-options.js';
import { useColor } from '../runtime.js';
import type { ExplainOpts } from './explain.js';

const CODE_LIKE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** What `preflight explain` does, loaded only when it runs (see explain.ts for the options and exit codes). */
export async function runExplain(target: string, opts: ExplainOpts): Promise<void> {
  if (target === STDIN || existsSync(target)) return explainFileCommand(target, opts);
  if (!CODE_LIKE.test(target) || target.includes('.')) throw new CliError(`${boundValue(target)}: no such file, and not a finding code (codes are like OOB_INPUT_READ)`);
  return explainCodeCommand(target.toUpperCase(), opts);
}

async function explainFileCommand(file: string, opts: ExplainOpts): Promise<void> {
  if (file !== STDIN && statSync(file).isDirectory()) throw new CliError(`${boundValue(file)} is a folder; explain takes one file`);
  const schema = resolveSchema(opts.schema);
  const consumers = resolveConsumers(opts.schema, schema, opts.profile ?? [], opts.fleet ?? []);
  if (consumers === undefined) process.stderr.write(`preflight: ${noModelNote(opts.schema, schema)}: no consumers to explain\n`);
  const bytes = readInput(file, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  const name = file === STDIN ? STDIN_NAME : file;
  const x = explainFile({ schema, ...(consumers ? { consumers } : {}), bytes, name });
  process.stdout.write(opts.format === 'json'
    ? `${JSON.stringify(x, null, 2)}\n`
    : renderExplanation(name, x, { color: opts.color && useColor(), ...(process.stdout.columns ? { width: process.stdout.columns } : {}) }));
  process.exitCode = x.consumers.some((k) => k.outcome !== 'load') ? EXIT.findings : EXIT.ok;
}

async function explainCodeCommand(code: string, opts: ExplainOpts): Promise<void> {
  const found = findCode(code, opts.schema);
  if (!found.explanation) {
    const near = found.near.length > 0 ? `; did you mean ${found.near.join(', ')}?` : '';
    throw new CliError(`${boundValue(code)} is not a finding code of preflight${found.where}${near} (docs/findings.md lists them)`);
  }
  const x = found.explanation;
  process.stdout.write(opts.format === 'json'
    ? `${JSON.stringify({ ...x, ...(found.format ? { format: found.format } : {}) }, null, 2)}\n`
    : renderCodeExplanation(x, { color: opts.color && useColor(), ...(process.stdout.columns ? { width: process.stdout.columns } : {}), ...(found.format ? { format: found.format } : {}) }));
  process.exitCode = EXIT.ok;
}

interface Found { readonly explanation?: CodeExplanation; readonly format?: string; readonly near: string[]; readonly where: string }

/**
 * A built-in code, or one the given schema and its model define; with no --schema, the codes of
 * every bundled format are searched, so `explain SIG_NO_HANDLER` works without naming sigpack.
 */
function findCode(code: string, schemaFile: string | undefined): Found {
  // A built-in code needs no format: no schema is read for it.
  const builtin = explainCode(code);
  if (builtin) return { explanation: builtin, near: [], where: '' };
  const files = schemaFile !== undefined ? [schemaFile] : bundledSchemas();
  const near = new Set<string>();
  for (const file of files) {
    const schema = schemaFile !== undefined ? resolveSchema(file) : loadSchema(file);
    const catalog = catalogOf(schema, file);
    const explanation = explainCode(code, catalog);
    if (explanation) return { explanation, format: schema.format, near: [], where: '' };
    for (const n of nearCodes(code, catalog)) near.add(n);
  }
  const where = schemaFile !== undefined ? ' nor of that schema and its consumer model' : ' nor of a bundled format';
  return { near: [...near].slice(0, 5), where };
}

function catalogOf(schema: FormatSchema, file: string) {
  const modelFile = modelBeside(file);
  return formatCatalog(schema, modelFile ? loadModel(modelFile, schema).codes : undefined);
}

/** The bundled schemas: the default first, then the others beside it and in examples/. */
function bundledSchemas(): string[] {
  const dir = bundledSchemaDir();
  const list = (d: string): string[] => readdirSync(d).filter((f) => f.endsWith('.yaml') && !f.endsWith('.consumer.yaml')).sort().map((f) => join(d, f));
  const all = [...list(dir), ...(existsSync(join(dir, 'examples')) ? list(join(dir, 'examples')) : [])];
  return [defaultSchemaPath(), ...all.filter((f) => f !== defaultSchemaPath())];
}
