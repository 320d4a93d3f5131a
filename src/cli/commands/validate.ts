import { Command, InvalidArgumentError, Option } from 'commander';
// Only what the definition needs: the action, with the schema loader, the validator and the
// report writers, loads when the command runs (`validate --help` needs none of it).
import { DEFAULT_MAX_NODES, DEFAULT_TIME_MS } from '../../budget/work-budget.js';
import { DEFAULT_MAX_FINDINGS_PER_CODE } from '../../findings/capped-issues.js';
// formatCount, not toLocaleString: the first locale call loads ICU data (25-100 ms here), on every --help and every run.
import { formatCount } from '../../report/format.js';
import type { ReportFormat } from '../../report/index.js';
import { collect } from '../collect.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-bounded.js';
import { FORMATS } from '../report-formats.js';
import { formatSize, sizeArg } from '../size-arg.js';
import { addExecOptions, type ExecOpts } from '../exec-options.js';

export function validateCommand(): Command {
  return addExecOptions(new Command('validate'))
    .description('check content files against the schema and simulate every consumer profile on them')
    .argument('<files...>', 'content files, folders of *.bin files, or - for one file on stdin')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema); its consumer model is NAME.consumer.yaml beside it')
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect)
    .option('--fleet <dir>', "folder of consumer profiles (repeatable; default: the consumer model's fleet)", collect)
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically); - is stdout (the default)')
    .option('--json <file>', 'also write the JSON report to this file')
    .option('--sarif <file>', 'also write the SARIF report to this file')
    .option('--junit <file>', 'also write the JUnit XML report to this file')
    .option('--baseline <file>', 'accept the known findings listed in this file: only new findings fail')
    .option('--write-baseline <file>', "write a baseline accepting this run's findings (.json: JSON, else YAML)")
    .option('--strict', 'exit 1 when any file has warnings')
    .option('--exit-zero', 'exit 0 even when files fail (files that cannot be validated still exit 2)')
    .option('--max-file-size <size>', `skip (verdict error) any input larger than this (default ${formatSize(DEFAULT_MAX_FILE_SIZE)}; e.g. 10MB, 1GiB)`, sizeArg('--max-file-size'))
    .option('--max-findings-per-code <n>', `findings listed per code per file; the rest are counted (default ${DEFAULT_MAX_FINDINGS_PER_CODE})`, count('--max-findings-per-code'))
    .option('--time-budget <ms>', `time one file may take, in milliseconds (default ${DEFAULT_TIME_MS}); over it is a DECODE_BUDGET finding`, count('--time-budget'))
    .option('--node-budget <n>', `structure nodes one file may decode (default 10,000 + 4 per byte, at most ${formatCount(DEFAULT_MAX_NODES)})`, count('--node-budget'))
    .option('--no-progress', 'no progress on stderr (shown when validating more than one file)')
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
Exit codes:
  0  no file fails (with --exit-zero: even if some do)
  1  a file fails, or warns with --strict (findings accepted by --baseline do not count)
  2  usage, I/O, schema, profile or baseline error, or a file that could not be validated
     (verdict "error": not a regular file, over --max-file-size, unreadable); --exit-zero
     does not hide these
Every file gets a report even when another one cannot be read.

Examples:
  $ preflight validate corpus/ccf/story/2024-07-19-0409-channel-291.bin
  $ preflight validate --fleet profiles/default --format sarif -o preflight.sarif corpus/ccf/story
  $ preflight validate corpus/ccf --json report.json --junit report.xml --exit-zero
  $ preflight validate corpus/ccf/story --write-baseline baseline.yaml --exit-zero
  $ preflight validate corpus/ccf/story --baseline baseline.yaml   # once each entry has its reason
  $ cat corpus/ccf/codes/clean.bin | preflight validate -
--exec, --persistent, --differential: docs/real-consumers.md.`)
    .action(async (inputs: string[], opts: ValidateOpts) => {
      await (await import('./validate-action.js')).runValidate(inputs, opts);
    });
}

function count(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} takes a whole number of at least 1`);
    return n;
  };
}

export interface ValidateOpts extends ExecOpts {
  schema?: string;
  profile?: string[];
  fleet?: string[];
  format: ReportFormat;
  output?: string;
  json?: string;
  sarif?: string;
  junit?: string;
  baseline?: string;
  writeBaseline?: string;
  strict?: boolean;
  exitZero?: boolean;
  maxFileSize?: number;
  maxFindingsPerCode?: number;
  timeBudget?: number;
  nodeBudget?: number;
  progress: boolean;
  color: boolean;
}
