import { Command } from 'commander';
import { pack } from '../../encode/index.js';
import { CliError } from '../cli-error.js';
import { DEFAULT_MAX_FILE_SIZE, displayName, readText } from '../io.js';
import { resolveSchema } from '../load-options.js';
import { checkOutputPath, outputTarget, STDOUT, writeOutput } from '../output.js';
import { formatSize, sizeArg } from '../size-arg.js';

export function packCommand(): Command {
  return new Command('pack')
    .description('build a binary content file from a readable YAML source')
    .argument('<source>', 'YAML source (as printed by unpack), or - for stdin')
    .requiredOption('-o, --output <file>', 'the content file to write (atomically); - is stdout')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .option('--max-file-size <size>', `refuse a source larger than this (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, sizeArg('--max-file-size'))
    .addHelpText('after', `
Fields the source leaves out (counts, sizes, offsets, the string pool, the CRC) are derived
from the schema; fields it gives are written as given, so broken files can be built on purpose.
Exit codes: 0 written, 2 usage, I/O, schema or source error (one line: file, line and field).

Examples:
  $ preflight pack corpus/ccf/story/2024-07-19-0409-channel-291.yaml -o july.bin
  $ preflight pack corpus/ccf/codes/clean.yaml -o - | preflight validate -`)
    .action((source: string, opts: { output: string; schema?: string; maxFileSize?: number }) => {
      checkOutputPath(opts.output);
      // Binary on a terminal is noise at best and terminal control sequences at worst.
      if (outputTarget(opts.output) === STDOUT && process.stdout.isTTY === true) throw new CliError('not writing a binary file to a terminal: give -o FILE, or pipe stdout');
      const schema = resolveSchema(opts.schema);
      const text = readText(source, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      writeOutput(opts.output, pack(schema, text, displayName(source)));
    });
}
