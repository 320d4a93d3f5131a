import { Command, InvalidArgumentError, Option } from 'commander';
// Only what the definition needs: the decoder, validator and renderers load when the command runs.
import { collect } from '../collect.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-bounded.js';
import { formatSize, sizeArg } from '../size-arg.js';

export function inspectCommand(): Command {
  return new Command('inspect')
    .description('show a content file field by field: the field tree, a hex dump coloured by region, and the findings at their bytes')
    .argument('<file>', 'content file, or - for stdin')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema); its consumer model is NAME.consumer.yaml beside it')
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect)
    .option('--fleet <dir>', "folder of consumer profiles (repeatable; default: the consumer model's fleet)", collect)
    .option('--at <offset>', 'name the field, record and element the byte at this offset belongs to (decimal or 0x hex)')
    .option('--path <path>', 'show one subtree and only its bytes, e.g. instances[5].criteria[20]')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-nodes <n>', 'tree lines shown (and nodes in the JSON); 0 = all (default 1000)', whole('--max-nodes'))
    .option('--max-bytes <n>', 'bytes of hex dump shown; the lines around findings first, then from the start; 0 = all (default 4096)', whole('--max-bytes'))
    .option('--max-file-size <size>', `refuse a file larger than this (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, sizeArg('--max-file-size'))
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
Exit codes:
  0  shown, whatever the findings (inspect looks; validate is the gate)
  2  usage, I/O, schema or profile error; an --at past the end of the file; a --path the
     file has no node at

Examples:
  $ preflight inspect corpus/ccf/story/2024-07-19-0409-channel-291.bin
  $ preflight inspect corpus/ccf/story/2024-07-19-0409-channel-291.bin --at 358
  $ preflight inspect corpus/ccf/story/2024-07-19-0409-channel-291.bin --path 'instances[5].criteria[20]'
  $ preflight inspect corpus/ccf/codes/truncated.bin --format json
  $ preflight inspect corpus/sigpack/clean.bin --schema schemas/sigpack-v1.yaml --at 0x10`)
    .action(async (file: string, opts: InspectOpts) => {
      await (await import('./inspect-action.js')).runInspect(file, opts);
    });
}

export interface InspectOpts {
  schema?: string;
  profile?: string[];
  fleet?: string[];
  at?: string;
  path?: string;
  format: 'text' | 'json';
  maxNodes?: number;
  maxBytes?: number;
  maxFileSize?: number;
  color: boolean;
}

function whole(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${flag} takes a whole number (0 for no limit)`);
    return n;
  };
}
