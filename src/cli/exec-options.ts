import { InvalidArgumentError, Option, type Command } from 'commander';
import { CommandSyntaxError, splitCommand, takesFile } from '../exec/argv.js';
import { checkProgram, DEFAULT_EXEC_TIMEOUT_MS, EXEC_NAME, type ExecSetup } from '../exec/runner.js';
import { CliError } from './cli-error.js';

/** The options of a real consumer run (validate, fuzz, replay): docs/real-consumers.md. */
export interface ExecOpts {
  exec?: string;
  persistent?: boolean;
  execTimeout?: number;
  execName?: string;
  differential?: boolean;
  execProfile?: string;
}

export function addExecOptions(cmd: Command): Command {
  return cmd
    .option('--exec <command>', 'also run the real consumer on each input: "CMD ARGS @@" (@@ is the file; without @@ the bytes go to stdin); split into words by preflight, never by a shell')
    .option('--persistent', 'the --exec command speaks the persistent protocol (length-prefixed files on stdin, one answer line each): one process for many inputs')
    .option('--exec-timeout <ms>', `time the real consumer has per input, in milliseconds (default ${DEFAULT_EXEC_TIMEOUT_MS}); over it is a hang (EXEC_HANG)`, msArg)
    .option('--exec-name <name>', `the real consumer's name in reports and buckets (default ${EXEC_NAME})`)
    .addOption(new Option('--differential', "compare the real consumer's outcome with the consumer model's (EXEC_DISAGREE when they differ)"))
    .option('--exec-profile <name>', 'the profile the real consumer implements, for --differential (default: the only profile loaded)');
}

function msArg(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('--exec-timeout takes a whole number of milliseconds, at least 1');
  return n;
}

/** The ExecSetup the options describe, checked: undefined without --exec. */
export function execSetupOf(opts: ExecOpts, profiles: readonly { readonly name: string }[]): ExecSetup | undefined {
  if (opts.exec === undefined) {
    for (const [flag, given] of [['--persistent', opts.persistent], ['--exec-timeout', opts.execTimeout], ['--exec-name', opts.execName], ['--differential', opts.differential], ['--exec-profile', opts.execProfile]] as const) {
      if (given !== undefined && given !== false) throw new CliError(`${flag} needs --exec`);
    }
    return undefined;
  }
  let argv: string[];
  try {
    argv = splitCommand(opts.exec);
  } catch (e) {
    if (e instanceof CommandSyntaxError) throw new CliError(`--exec: ${e.message}`);
    throw e;
  }
  if (opts.persistent === true && takesFile(argv)) throw new CliError('--exec: a persistent consumer reads its inputs from stdin: drop the @@');
  const missing = checkProgram(argv);
  if (missing !== undefined) throw new CliError(`--exec: ${missing}`);
  const name = opts.execName ?? EXEC_NAME;
  if (profiles.some((p) => p.name === name)) throw new CliError(`--exec-name ${name}: a profile has that name already; choose another`);
  let differential: string | undefined;
  if (opts.differential === true) {
    if (opts.execProfile !== undefined) {
      if (!profiles.some((p) => p.name === opts.execProfile)) throw new CliError(`--exec-profile ${opts.execProfile}: no loaded profile has that name (loaded: ${profiles.map((p) => p.name).join(', ') || 'none'})`);
      differential = opts.execProfile;
    } else if (profiles.length === 1) differential = profiles[0]!.name;
    else throw new CliError(`--differential: say which profile the real consumer implements with --exec-profile (loaded: ${profiles.map((p) => p.name).join(', ') || 'none'})`);
  } else if (opts.execProfile !== undefined) throw new CliError('--exec-profile needs --differential');
  return {
    argv, persistent: opts.persistent === true, timeoutMs: opts.execTimeout ?? DEFAULT_EXEC_TIMEOUT_MS, name,
    ...(differential !== undefined ? { differential } : {}),
  };
}
