import { Command, Option } from 'commander';
// Only what the definition needs: the action (schema loader, validator, simulator) loads when it runs.
import { collect } from '../collect.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-bounded.js';
import { formatSize, sizeArg } from '../size-arg.js';

export interface ExplainOpts {
  schema?: string;
  profile?: string[];
  fleet?: string[];
  format: 'text' | 'json';
  maxFileSize?: number;
  color: boolean;
}

export function explainCommand(): Command {
  return new Command('explain')
    .description('say why each consumer crashes on or refuses a file (the chain of facts, from the consumer model), or what a finding code means')
    .argument('<file-or-code>', 'a content file (or - for stdin), or a finding code such as OOB_INPUT_READ')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema); its consumer model is NAME.consumer.yaml beside it')
    .option('--profile <file>', 'consumer profile YAML (repeatable; default: the consumer model\'s fleet)', collect)
    .option('--fleet <dir>', 'folder of consumer profiles (repeatable)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-file-size <size>', `refuse a larger input (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, sizeArg('--max-file-size'))
    .option('--no-color', 'never colour the text output')
    .addHelpText('after', `
A FILE argument that exists is explained as a file: for each consumer profile, its outcome and
population and, when it crashes or refuses the file, the chain of facts that leads there (each
step with its field path and byte offset), generated from the consumer model's clauses. Latent
hazards get a short chain too. Any other argument is read as a finding code: what it means, why
it matters to a consumer, and how to fix the content (built-in codes, and the codes the format's
schema and consumer model define).

Exit codes:
  0  explained: every consumer loads the file (hazards may remain), or a code was explained
  1  some consumer crashes on the file, refuses it, or was cut short by a budget (undecided)
  2  usage, I/O, schema or profile error, or an unknown code (the nearest codes are listed)

Examples:
  $ preflight explain corpus/ccf/story/2024-07-19-0409-channel-291.bin
  $ preflight explain corpus/ccf/story/2024-07-19-0409-channel-291.bin --profile profiles/default/agent-7.11.yaml
  $ preflight explain --schema schemas/sigpack-v1.yaml corpus/sigpack/story/2026-06-09-pack-0341.bin --format json
  $ preflight explain OOB_INPUT_READ
  $ preflight explain SIG_NO_HANDLER --schema schemas/sigpack-v1.yaml`)
    .action(async (target: string, opts: ExplainOpts) => {
      await (await import('./explain-action.js')).runExplain(target, opts);
    });
}
