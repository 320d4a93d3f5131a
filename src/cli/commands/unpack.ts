import { Command } from 'commander';
import { unpack } from '../../encode/index.js';
import { readInput, writeAtomic } from '../io.js';
import { resolveSchema } from '../load-options.js';

export function unpackCommand(): Command {
  return new Command('unpack')
    .description('print a binary content file as a readable YAML source (pack turns it back into the same bytes)')
    .argument('<file>', 'content file')
    .option('-o, --output <file>', 'write the source to a file (atomically) instead of stdout')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .addHelpText('after', `
Example:
  $ preflight unpack suspect.bin > suspect.yaml && preflight pack suspect.yaml -o again.bin`)
    .action((file: string, opts: { output?: string; schema?: string }) => {
      const schema = resolveSchema(opts.schema);
      const text = unpack(schema, readInput(file));
      if (opts.output) writeAtomic(opts.output, text);
      else process.stdout.write(text);
    });
}
