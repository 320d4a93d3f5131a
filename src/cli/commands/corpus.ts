import { Command } from 'commander';
import { statSync } from 'node:fs';
import { mergeOutputs } from '../../fuzz/store/merge.js';
import { acquireOutLock } from '../../fuzz/store/out-lock.js';
import { prepareOutFolder } from '../../fuzz/store/prepare-out.js';
import { CliError, EXIT } from '../cli-error.js';
import { asCliError } from './fuzz-errors.js';

export function corpusCommand(): Command {
  const corpus = new Command('corpus').description('manage fuzzing outputs (reproducers and working corpora)');
  corpus.addCommand(new Command('merge')
    .description('fold the outputs of several campaigns or shards into one, without duplicate buckets')
    .argument('<outputs...>', 'fuzz output folders (each with crashes/ and corpus/)')
    .requiredOption('-o, --output <dir>', 'the merged output folder (may be one of the inputs)')
    .addHelpText('after', `
Keeps one reproducer per bucket, the smallest (ties: the first folder given), sums the hits, and
unites the corpora. The folders are input: every sidecar is checked field by field, and file
names are made by preflight (bucket id, content hash), never taken from a sidecar. A sidecar
or file that cannot be used is reported on stderr and left out; the exit code is then 2.

Example:
  $ preflight corpus merge shard-1 shard-2 shard-3 shard-4 -o fuzz-out`)
    .action((outputs: string[], opts: { output: string }) => {
      for (const o of outputs) {
        let isDir: boolean;
        try {
          isDir = statSync(o).isDirectory();
        } catch {
          throw new CliError(`${o}: no such folder`);
        }
        if (!isDir) throw new CliError(`${o}: not a folder (give fuzz output folders, each with crashes/ and corpus/)`);
      }
      asCliError(() => prepareOutFolder(opts.output, 'merge output folder'));
      const lock = asCliError(() => acquireOutLock(opts.output, 'corpus merge'));
      if (lock.staleNote !== undefined) process.stderr.write(`preflight: ${lock.staleNote}\n`);
      try {
        const r = asCliError(() => mergeOutputs(outputs, opts.output));
        for (const p of r.problems) process.stderr.write(`preflight: ${p.file}: left out: ${p.problem}\n`);
        const left = r.problems.length > 0 ? `, ${r.problems.length} file(s) left out (see above)` : '';
        process.stdout.write(`${opts.output}: ${r.buckets} bucket(s) from ${outputs.length} output(s), ${r.duplicates} duplicate(s) dropped, ${r.corpusFiles} corpus file(s) added${left}\n`);
        if (r.problems.length > 0) process.exitCode = EXIT.usage;
      } finally {
        lock.release();
      }
    })
    .exitOverride());
  return corpus;
}
