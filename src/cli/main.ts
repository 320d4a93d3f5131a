#!/usr/bin/env node
import type { Command } from 'commander';
// The error classes from their own files, not their barrels: start-up loads only what runs.
import { BaselineError } from '../baseline/baseline-error.js';
import { ProfileError } from '../consumer/profile-error.js';
import { EncodeError } from '../encode/encode-error.js';
import { ModelError } from '../model/load/model-error.js';
import { SchemaError } from '../schema/load/schema-error.js';
import { oneLine } from './bound-text.js';
import { CliError, EXIT } from './cli-error.js';
import { VERSION } from './runtime.js';

/**
 * The commands, each loaded only when it runs (or for the top-level help): a command pulls in
 * the schema loader, the encoder, the fuzzer or the reporters, and `preflight --version` or one
 * command should not pay for all of them.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand(),
  pack: async () => (await import('./commands/pack.js')).packCommand(),
  unpack: async () => (await import('./commands/unpack.js')).unpackCommand(),
  fuzz: async () => (await import('./commands/fuzz.js')).fuzzCommand(),
  replay: async () => (await import('./commands/replay.js')).replayCommand(),
  corpus: async () => (await import('./commands/corpus.js')).corpusCommand(),
  inspect: async () => (await import('./commands/inspect.js')).inspectCommand(),
  explain: async () => (await import('./commands/explain.js')).explainCommand(),
  diff: async () => (await import('./commands/diff.js')).diffCommand(),
  report: async () => (await import('./commands/report.js')).reportCommand(),
};

/** Every message preflight prints starts with this, whoever raised it. */
export const PREFIX = 'preflight: ';

/** The program with the commands `argv` needs: the one it names, none for the version, else all. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const { Command } = await import('commander');
  const program = new Command('preflight')
    .description('offline validator and fuzzer for binary content-update files')
    .version(VERSION)
    .addHelpText('after', `
Exit codes: 0 success, 1 findings (a file fails; a fuzzer crash), 2 usage, input or I/O error.

Example:
  $ preflight validate corpus/ccf          # every corpus file against the bundled fleet`);
  for (const cmd of await Promise.all(commandsFor(argv).map((name) => COMMANDS[name]!()))) program.addCommand(cmd);
  configureAll(program);
  return program;
}

function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, first)) return [first];
  if (isVersionOnly(argv)) return [];
  return Object.keys(COMMANDS); // help, or an unknown command: commander lists them all
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
export async function run(argv: readonly string[]): Promise<number> {
  if (isVersionOnly(argv)) {
    // What commander's .version() prints, without loading commander: a CI gate may ask for it on every call.
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  let program: Command;
  try {
    program = await buildProgram(argv);
  } catch (e) {
    process.stderr.write(`${PREFIX}internal error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
  if (argv.length === 0) {
    // No command is a usage error: the help goes to stderr, so nothing reads it as output.
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (isCommanderError(e)) {
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

function isVersionOnly(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
}

/** Commander's errors by their code (`commander.*`): commander is loaded lazily, its class is not imported here. */
function isCommanderError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('commander.');
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

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
