import { Command } from 'commander';
import { pack } from '../../encode/index.js';
import { readText, writeAtomic } from '../io.js';
import { resolveSchema } from '../load-options.js';

export function packCommand(): Command {
  return new Command('pack')
    .description('build a binary content file from a readable YAML source')
    .argument('<source>', 'YAML source (as printed by unpack)')
    .requiredOption('-o, --output <file>', 'the content file to write (atomically)')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema)')
    .addHelpText('after', `
Fields the source leaves out (counts, sizes, offsets, the string pool, the CRC) are derived
from the schema; fields it gives are written as given, so broken files can be built on purpose.

Example:
  $ preflight pack corpus/ccf/story/july-19.yaml -o july-19.bin`)
    .action((source: string, opts: { output: string; schema?: string }) => {
      const schema = resolveSchema(opts.schema);
      writeAtomic(opts.output, pack(schema, readText(source), source));
    });
}
