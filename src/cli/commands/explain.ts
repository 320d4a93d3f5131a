import { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder while issue 11 is built: replaced by the real command in this session.
export function explainCommand(): Command {
  return new Command('explain')
    .description('(being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => { throw new CliError('explain is not built yet'); });
}
