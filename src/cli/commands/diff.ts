import { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder while issue 11 is built: replaced by the real command in this session.
export function diffCommand(): Command {
  return new Command('diff')
    .description('(being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => { throw new CliError('diff is not built yet'); });
}
