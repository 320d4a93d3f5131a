import type { ReportFormat, RenderOptions } from '../report/index.js';
import type { ValidationReport } from '../report/model.js';

/**
 * The report formats, as src/report/index.ts lists them (test/cli/report-formats.test.ts keeps
 * the two equal). Not imported from there: that module loads every writer (SARIF's builder alone
 * costs ~90 ms), and `validate --help` or a text report needs none of the others.
 */
export const FORMATS = ['text', 'json', 'sarif', 'junit'] as const satisfies readonly ReportFormat[];

// A format added to src/report and missing here fails the type check (as does the switch below).
type Unlisted = Exclude<ReportFormat, (typeof FORMATS)[number]>;
export const EVERY_FORMAT_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** renderReport's dispatch, loading only the writer of the format asked for. */
export async function renderLazily(report: ValidationReport, format: ReportFormat, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'text':
      return (await import('../report/text.js')).renderText(report, options);
    case 'json':
      return (await import('../report/json.js')).renderJson(report);
    case 'sarif':
      return (await import('../report/sarif.js')).renderSarif(report, options);
    case 'junit':
      return (await import('../report/junit.js')).renderJunit(report);
  }
}
