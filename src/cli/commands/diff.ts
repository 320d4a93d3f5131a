import { Command, InvalidArgumentError, Option } from 'commander';
// Only what the definition needs: the action (schema loader, validator, decoder, diff) loads when the command runs.
import { collect } from '../collect.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-bounded.js';
import { formatSize, sizeArg } from '../size-arg.js';

/** Changes listed by default (the same as src/triage/diff's DEFAULT_MAX_CHANGES, kept here so --help loads nothing). */
const DEFAULT_MAX_CHANGES = 200;

export interface DiffOpts {
  schema?: string;
  profile?: string[];
  fleet?: string[];
  format: 'text' | 'json';
  color: boolean;
  maxChanges?: number;
  maxFileSize?: number;
}

export function diffCommand(): Command {
  return new Command('diff')
    .description('what changed between two versions of a content file, and what it does to each consumer')
    .argument('<old>', 'the version that shipped before (or - for stdin)')
    .argument('<new>', 'the version to compare with it (or - for stdin)')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema); its consumer model is NAME.consumer.yaml beside it')
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect)
    .option('--fleet <dir>', "folder of consumer profiles (repeatable; default: the consumer model's fleet)", collect)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-changes <n>', `changes listed (and findings listed each way); the rest are counted (default ${DEFAULT_MAX_CHANGES})`, wholeNumber('--max-changes'))
    .option('--max-file-size <size>', `refuse an input larger than this (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, sizeArg('--max-file-size'))
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
Elements of an array with a schema key (unique: {key}) are matched by that key, so an element
inserted in the middle is one addition; other elements by position, aligned around insertions.
Counts, offsets, sizes and checksums that follow the content are counted, not listed.

A consumer's outcome is worse when it moves up load < reject < undecided < crash (a refusal keeps
the old content running; undecided, a budget cut short, may hide a crash).

Exit codes:
  0  no consumer's outcome is worse on the new file
  1  some consumer's outcome is worse (the release gate)
  2  usage, I/O, schema or profile error

Examples:
  $ preflight diff corpus/ccf/story/2024-04-24-spring.bin corpus/ccf/story/2024-07-19-0409-channel-291.bin   # exit 1
  $ preflight diff corpus/ccf/story/2024-07-19-0409-channel-291.bin corpus/ccf/story/2024-07-19-0527-revert.bin
  $ preflight diff --schema schemas/sigpack-v1.yaml --format json corpus/sigpack/story/2026-06-09-pack-0340.bin corpus/sigpack/story/2026-06-09-pack-0341.bin`)
    .action(async (oldFile: string, newFile: string, opts: DiffOpts) => {
      await (await import('./diff-action.js')).runDiff(oldFile, newFile, opts);
    });
}

function wholeNumber(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${flag} takes a whole number (0 lists none and counts them all)`);
    return n;
  };
}
