import type { Finding } from '../findings/index.js';
import type { ConsumerReport, FileReport, ValidationReport } from './model.js';

/**
 * The JSON output is public interface: scripts parse it. Each object below is built key by key
 * (never spread from the model) so that a field added to the model cannot leak into the output,
 * and `details`, which may hold bigint, never reaches JSON.stringify.
 */
export interface JsonFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  path: string;
  offset: number;
  profile?: string;
}

export interface JsonConsumer {
  profile: string;
  outcome: 'reject' | 'crash' | 'load';
  population: number;
  fault: { code: string; path: string; offset: number } | null;
}

export interface JsonFile {
  file: string;
  verdict: 'pass' | 'warn' | 'fail';
  findings: JsonFinding[];
  consumers: JsonConsumer[];
}

export interface JsonReport {
  files: JsonFile[];
}

export function toJsonReport(report: ValidationReport): JsonReport {
  return { files: report.files.map(toJsonFile) };
}

export function renderJson(report: ValidationReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

function toJsonFile(file: FileReport): JsonFile {
  return {
    file: file.file,
    verdict: file.verdict,
    findings: file.findings.map(toJsonFinding),
    consumers: file.consumers.map(toJsonConsumer),
  };
}

function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = { code: f.code, severity: f.severity, message: f.message, path: f.path, offset: f.offset };
  if (f.profile !== undefined) out.profile = f.profile;
  return out;
}

function toJsonConsumer(c: ConsumerReport): JsonConsumer {
  return {
    profile: c.profile,
    outcome: c.outcome,
    population: c.population,
    fault: c.fault === null ? null : { code: c.fault.code, path: c.fault.path, offset: c.fault.offset },
  };
}
