import { Command } from 'commander';
// Only what the definition needs: the schema loader, the validator, the triage views and the page
// load when the command runs (`report --help` needs none of them).
import { collect } from '../collect.js';
import { DEFAULT_MAX_FILE_SIZE } from '../read-bounded.js';
import { formatSize, sizeArg } from '../size-arg.js';

export function reportCommand(): Command {
  return new Command('report')
    .description('write one self-contained HTML page for a person triaging files: field tree and bytes linked both ways, findings with their explanations, each consumer\'s outcome and the chain to its fault, the blast radius; with two files, what changed')
    .argument('<files...>', 'content files (two: the first is the old version, the second the new one, and the page shows the diff); - for one file on stdin')
    .requiredOption('-o, --output <file>', 'the HTML file to write (atomically); - is stdout')
    .option('--schema <file>', 'format schema (default: the bundled CCF v1 schema); its consumer model is NAME.consumer.yaml beside it')
    .option('--profile <file>', 'consumer profile YAML (repeatable)', collect)
    .option('--fleet <dir>', "folder of consumer profiles (repeatable; default: the consumer model's fleet)", collect)
    .option('--max-file-size <size>', `refuse any input larger than this (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, sizeArg('--max-file-size'))
    .addHelpText('after', `
The page needs no network and loads nothing: styles, script, the bytes and the field tree are all
inside it (a Content-Security-Policy forbids any fetch), so it opens from a CI artifact or a mail.

Exit codes: 0 written (whatever the files' verdicts: validate and diff are the gates),
2 usage, I/O, schema or profile error.

Examples:
  $ preflight report corpus/ccf/story/2024-07-19-0409-channel-291.bin -o july.html
  $ preflight report corpus/ccf/story/2024-04-24-spring.bin corpus/ccf/story/2024-07-19-0409-channel-291.bin -o spring-to-july.html`)
    .action(async (files: string[], opts: ReportOpts) => {
      await (await import('./report-action.js')).runReport(files, opts);
    });
}

export interface ReportOpts {
  output: string;
  schema?: string;
  profile?: string[];
  fleet?: string[];
  maxFileSize?: number;
}
