import { Command, Option } from 'commander';
import { FORMATS, renderReport, type ReportFormat } from '../../report/index.js';
import type { ValidationReport } from '../../report/model.js';
import { validateBytes } from '../../validate/index.js';
import { EXIT } from '../cli-error.js';
import { expandInputs, readInput, writeAtomic } from '../io.js';
import { collect, resolveFleet, resolveSchema } from '../load-options.js';
import { useColor, VERSION } from '../runtime.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check content files against the schema and simulate every consumer profile on them')
    .argument('<files...>', 'content files, or folders of *.bin files')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect, [])
    .option('--fleet <dir>', 'folder of consumer profiles (repeatable; default: the bundled fleet)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--strict', 'exit 1 when any file has warnings')
    .option('--exit-zero', 'exit 0 even when files fail (usage and I/O errors still exit 2)')
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
Exit codes: 0 no file fails, 1 a file fails (or warns, with --strict), 2 usage, I/O or schema error.

Examples:
  $ preflight validate corpus/ccf/story/july-19.bin
  $ preflight validate --fleet fleet/ --format sarif -o preflight.sarif release/*.bin`)
    .action((inputs: string[], opts: ValidateOpts) => {
      const schema = resolveSchema(opts.schema);
      const fleet = resolveFleet(schema, opts.profile, opts.fleet);
      const files = expandInputs(inputs, '.bin').map((file) => validateBytes(file, readInput(file), { schema, fleet }));
      const report: ValidationReport = {
        tool: { name: 'preflight', version: VERSION },
        schema: { name: schema.format, source: schema.source },
        fleet: fleet.map((p) => ({ name: p.name, population: p.population, source: p.source })),
        files,
      };
      const text = renderReport(report, opts.format, { color: !opts.output && opts.color && useColor() });
      if (opts.output) writeAtomic(opts.output, text);
      else process.stdout.write(text);
      const failed = files.some((f) => f.verdict === 'fail') || (opts.strict === true && files.some((f) => f.verdict === 'warn'));
      process.exitCode = failed && !opts.exitZero ? EXIT.findings : EXIT.ok;
    });
}

interface ValidateOpts {
  schema?: string;
  profile: string[];
  fleet: string[];
  format: ReportFormat;
  output?: string;
  strict?: boolean;
  exitZero?: boolean;
  color: boolean;
}
