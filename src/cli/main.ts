#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ProfileError } from '../consumer/index.js';
import { EncodeError } from '../encode/index.js';
import { SchemaError } from '../schema/index.js';
import { CliError, EXIT } from './cli-error.js';
import { corpusCommand } from './commands/corpus.js';
import { fuzzCommand } from './commands/fuzz.js';
import { packCommand } from './commands/pack.js';
import { replayCommand } from './commands/replay.js';
import { unpackCommand } from './commands/unpack.js';
import { validateCommand } from './commands/validate.js';
import { VERSION } from './runtime.js';

export function buildProgram(): Command {
  const program = new Command('preflight')
    .description('offline validator and fuzzer for binary content-update files')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('after', `
Example:
  $ preflight validate corpus/ccf          # every corpus file against the bundled fleet`);
  for (const cmd of [validateCommand(), packCommand(), unpackCommand(), fuzzCommand(), replayCommand(), corpusCommand()]) program.addCommand(cmd.exitOverride());
  return program;
}

/** Known errors become one line and exit 2; anything else is a bug, reported as such. */
export function run(argv: readonly string[]): number {
  try {
    buildProgram().parse(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError || e instanceof SchemaError || e instanceof ProfileError || e instanceof EncodeError) {
      process.stderr.write(`preflight: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`preflight: internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

// A reader that goes away (`preflight validate ... | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = run(process.argv.slice(2));
