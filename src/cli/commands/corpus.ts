import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mergeOutputs } from '../../fuzz/store/merge.js';
import { CliError } from '../cli-error.js';

export function corpusCommand(): Command {
  const corpus = new Command('corpus').description('manage fuzzing outputs (reproducers and working corpora)');
  corpus.addCommand(new Command('merge')
    .description('fold the outputs of several campaigns or shards into one, without duplicate buckets')
    .argument('<outputs...>', 'fuzz output folders (each with crashes/ and corpus/)')
    .requiredOption('-o, --output <dir>', 'the merged output folder (may be one of the inputs)')
    .addHelpText('after', `
Keeps one reproducer per bucket, the smallest (ties: the first folder given), sums the hits, and
unites the corpora.

Example:
  $ preflight corpus merge shard-1 shard-2 shard-3 shard-4 -o fuzz-out`)
    .action((outputs: string[], opts: { output: string }) => {
      for (const o of outputs) if (!existsSync(o)) throw new CliError(`${o}: no such folder`);
      const r = mergeOutputs(outputs, opts.output);
      process.stdout.write(`${opts.output}: ${r.buckets} bucket(s) from ${outputs.length} output(s), ${r.duplicates} duplicate(s) dropped, ${r.corpusFiles} corpus file(s) added\n`);
    })
    .exitOverride());
  return corpus;
}
