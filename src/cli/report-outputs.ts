import { resolve } from 'node:path';
import type { ReportFormat } from '../report/index.js';
import type { ValidationReport } from '../report/model.js';
import { boundValue } from './bound-text.js';
import { CliError } from './cli-error.js';
import { checkOutputPath, outputTarget, STDOUT, writeOutput } from './output.js';
import { renderLazily } from './report-formats.js';

/** One rendering of the report and where it goes (`-` is stdout). */
export interface ReportOutput {
  readonly format: ReportFormat;
  readonly file: string;
}

/**
 * The outputs of one run: the main `--format` to `-o` (default stdout), plus any of `--json`,
 * `--sarif`, `--junit` to their files. Every path is checked before work starts; two outputs
 * to the same place are a usage error, not a silent overwrite.
 */
export function planOutputs(main: ReportOutput, extra: readonly ReportOutput[], alsoWritten: readonly string[] = []): ReportOutput[] {
  const outputs = [main, ...extra];
  const seen = new Map<string, string>();
  for (const file of [...outputs.map((o) => o.file), ...alsoWritten]) {
    checkOutputPath(file);
    const key = outputTarget(file) === STDOUT ? STDOUT : resolve(file);
    if (seen.has(key)) throw new CliError(key === STDOUT ? 'only one output can go to stdout (-)' : `${boundValue(file)} is given as two outputs`);
    seen.set(key, file);
  }
  return outputs;
}

/**
 * Renders and writes each output, loading only the writers of the formats asked for. Colour
 * only for text on a terminal; text on a terminal fits its width, anywhere else the renderer's
 * default (80 columns), so a log or file does not depend on the window that ran it.
 */
export async function writeReports(report: ValidationReport, outputs: readonly ReportOutput[], color: boolean): Promise<void> {
  for (const o of outputs) {
    const toTerminal = outputTarget(o.file) === STDOUT && process.stdout.isTTY === true;
    const width = toTerminal ? terminalWidth() : undefined;
    writeOutput(o.file, await renderLazily(report, o.format, { color: color && toTerminal && o.format === 'text', ...(width !== undefined ? { width } : {}) }));
  }
}

/** The terminal's columns, when it reports a usable number. */
function terminalWidth(): number | undefined {
  const columns = process.stdout.columns;
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
