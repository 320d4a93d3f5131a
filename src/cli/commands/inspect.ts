import { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder while issue 11 is built: replaced by the real command in this session.
export function inspectCommand(): Command {
  return new Command('inspect')
    .description('(being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => { throw new CliError('inspect is not built yet'); });
}
