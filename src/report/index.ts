import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import type { ValidationReport } from './model.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

/** Every output format, in the order the CLI should list them; `text` is the default. */
export const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in the text format; the other formats are machine-read and ignore it. */
  readonly color: boolean;
  /** Columns the text format fits (the terminal's width); default 80, at least 40. Others ignore it. */
  readonly width?: number;
  /**
   * SARIF only: absolute URI of preflight's home (README.md and docs/), for rule help links
   * (`helpUri`) and the tool's `informationUri`. Default: the installed package's folder as a file: URI.
   */
  readonly homeUri?: string;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/**
 * Renders one validation run in the chosen format. Pure: returns the text, writes nothing, and
 * never changes the report, so one report can be rendered in several formats (`--format text
 * --sarif out.sarif --junit out.xml`): call it once per format.
 */
export function renderReport(report: ValidationReport, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, options);
    case 'junit':
      return renderJunit(report);
  }
}

/** Several formats from one report, in the order asked: `renderReports(r, ['text', 'sarif'], opts).get('sarif')`. */
export function renderReports(report: ValidationReport, formats: readonly ReportFormat[], options: RenderOptions): Map<ReportFormat, string> {
  return new Map(formats.map((format) => [format, renderReport(report, format, options)]));
}

export { renderText } from './text.js';
export type { TextOptions } from './text.js';
export { renderJson, toJsonReport } from './json.js';
export type { JsonBaselinedFinding, JsonConsumer, JsonFile, JsonFinding, JsonReport, JsonSummary, JsonBlastRadius } from './json.js';
export { renderSarif, toArtifactUri, fingerprint, findingsHelpUri } from './sarif.js';
export type { SarifOptions } from './sarif.js';
export { renderJunit } from './junit.js';
export { blastRadius, runBlastRadius } from './blast-radius.js';
export type { AffectedConsumers, BlastRadius } from './blast-radius.js';
export { DEFAULT_WIDTH, MIN_WIDTH } from './text-layout.js';
export { baselinedFault } from './baselined.js';
export type { BaselinedFinding, ConsumerReport, FileReport, FleetMember, ValidationReport, Verdict } from './model.js';
