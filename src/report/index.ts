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
}

export function isReportFormat(value: string): value is ReportFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/** Renders one validation run in the chosen format. Pure: returns the text, writes nothing. */
export function renderReport(report: ValidationReport, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJunit(report);
  }
}

export { renderText } from './text.js';
export { renderJson, toJsonReport } from './json.js';
export type { JsonConsumer, JsonFile, JsonFinding, JsonReport } from './json.js';
export { renderSarif, toArtifactUri, fingerprint } from './sarif.js';
export { renderJunit } from './junit.js';
export { blastRadius } from './blast-radius.js';
export type { AffectedConsumers, BlastRadius } from './blast-radius.js';
export type { ConsumerReport, FileReport, FleetMember, ValidationReport, Verdict } from './model.js';
