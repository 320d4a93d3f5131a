import { Command } from 'commander';
import { CliError } from '../cli-error.js';

// Placeholder while issue 11 is built: replaced by the real command in this session.
export function reportCommand(): Command {
  return new Command('report')
    .description('(being built)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => { throw new CliError('report is not built yet'); });
}
