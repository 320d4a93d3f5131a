import { Command } from 'commander';
import { unpack } from '../../encode/index.js';
import { DEFAULT_MAX_FILE_SIZE, readInput } from '../io.js';
import { resolveSchema } from '../load-options.js';
import { checkOutputPath, STDOUT, writeOutput } from '../output.js';
import { formatSize, sizeArg } from '../size-arg.js';

export function unpackCommand(): Command {
  return new Command('unpack')
    .description('print a binary content file as a readable YAML source (pack turns it back into the same bytes)')
    .argument('<file>', 'content file, or - for stdin')
    .option('-o, --output <file>', 'write the source to a file (atomically); - is stdout (the default)')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .option('--max-file-size <size>', `refuse a file larger than this (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, sizeArg('--max-file-size'))
    .addHelpText('after', `
Exit codes: 0 printed, 2 usage, I/O or schema error.

Examples:
  $ preflight unpack corpus/ccf/codes/unknown-op.bin -o unknown-op.yaml
  $ preflight pack unknown-op.yaml -o again.bin`)
    .action((file: string, opts: { output?: string; schema?: string; maxFileSize?: number }) => {
      const output = opts.output ?? STDOUT;
      checkOutputPath(output);
      const schema = resolveSchema(opts.schema);
      writeOutput(output, unpack(schema, readInput(file, opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE)));
    });
}
