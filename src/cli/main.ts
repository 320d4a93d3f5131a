#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { BaselineError } from '../baseline/index.js';
import { ProfileError } from '../consumer/index.js';
import { EncodeError } from '../encode/index.js';
import { ModelError } from '../model/index.js';
import { SchemaError } from '../schema/index.js';
import { oneLine } from './bound-text.js';
import { CliError, EXIT } from './cli-error.js';
import { corpusCommand } from './commands/corpus.js';
import { fuzzCommand } from './commands/fuzz.js';
import { packCommand } from './commands/pack.js';
import { replayCommand } from './commands/replay.js';
import { unpackCommand } from './commands/unpack.js';
import { validateCommand } from './commands/validate.js';
import { VERSION } from './runtime.js';

/** Every message preflight prints starts with this, whoever raised it. */
export const PREFIX = 'preflight: ';

export function buildProgram(): Command {
  const program = new Command('preflight')
    .description('offline validator and fuzzer for binary content-update files')
    .version(VERSION)
    .addHelpText('after', `
Exit codes: 0 success, 1 findings (a file fails; a fuzzer crash), 2 usage, input or I/O error.

Example:
  $ preflight validate corpus/ccf          # every corpus file against the bundled fleet`);
  for (const cmd of [validateCommand(), packCommand(), unpackCommand(), fuzzCommand(), replayCommand(), corpusCommand()]) program.addCommand(cmd);
  configureAll(program);
  return program;
}

/**
 * Commander's own errors (a missing argument, an unknown option) get the same one-line
 * `preflight: ` form as ours, with a pointer to the command's help instead of the whole help.
 * addCommand does not pass settings down, so each command is configured here.
 */
function configureAll(cmd: Command): void {
  const name = commandPath(cmd);
  cmd.exitOverride().configureOutput({
    outputError: (text, write) => write(`${PREFIX}${oneLine(text.replace(/^error: /, ''))} (see: ${name} --help)\n`),
  });
  for (const sub of cmd.commands) configureAll(sub);
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Known errors become one line and exit 2; anything else is a bug, reported as such. */
export function run(argv: readonly string[]): number {
  const program = buildProgram();
  if (argv.length === 0) {
    // No command is a usage error: the help goes to stderr, so nothing reads it as output.
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    program.parse(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (isKnownError(e)) {
      process.stderr.write(`${PREFIX}${oneLine(e.message)}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${PREFIX}internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

function isKnownError(e: unknown): e is Error {
  return e instanceof CliError || e instanceof SchemaError || e instanceof ProfileError || e instanceof ModelError || e instanceof EncodeError || e instanceof BaselineError;
}

// A reader that goes away (`preflight validate ... | head`) is not an error in itself: stop
// writing, but finish the run, so the exit code still says what it found (a gate run with
// `set -o pipefail` must not see 0 for a failing file because its reader closed early).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    throw e;
  });
}

process.exitCode = run(process.argv.slice(2));
