import type { Finding } from '../findings/index.js';
import { cut, safeText } from '../findings/safe-text.js';
import { baselinedOf } from './baselined.js';
import { blastRadius, runBlastRadius, type BlastRadius } from './blast-radius.js';
import { execDetailsOf, type JsonExecDetails } from './exec-details.js';
import { severityTotals } from './group.js';
import { jsonSafe } from './json-safe.js';
import type { BaselinedFinding, ConsumerReport, FileReport, ValidationReport, Verdict } from './model.js';

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
  /** EXEC_CRASH, EXEC_HANG, EXEC_NO_ANSWER: what the real consumer did (sanitizer fault kind, frames, SUMMARY line). */
  exec?: JsonExecDetails;
}

/** A finding the baseline accepted: the finding's own keys, and the baseline entry's reason and date. */
export interface JsonBaselinedFinding extends JsonFinding {
  reason: string;
  /** `YYYY-MM-DD`, when the entry has one: it accepts the finding through that day (UTC). */
  expires?: string;
}

export interface JsonConsumer {
  profile: string;
  outcome: 'reject' | 'crash' | 'load' | 'undecided';
  population: number;
  fault: { code: string; path: string; offset: number } | null;
  /** The real consumer run by `--exec` (population 0): not in the blast radius. */
  real?: true;
}

export interface JsonAffected {
  profiles: string[];
  population: number;
}

export interface JsonBlastRadius {
  crash: JsonAffected;
  reject: JsonAffected;
  /** Consumers whose run a work budget cut short (present only when there are any). */
  undecided?: JsonAffected;
  /** Endpoints in the whole fleet: the denominator of a share. */
  fleetPopulation: number;
}

export interface JsonFile {
  file: string;
  verdict: Verdict;
  /** Only when verdict is `error`: why the file could not be validated. */
  error?: string;
  /** SHA-256 of the file's bytes, when it could be read. */
  sha256?: string;
  /** The first findings of each code (the per-code cap); `totals` and `omitted` count them all. */
  findings: JsonFinding[];
  /** True number of findings per code, before the cap. */
  totals: Record<string, number>;
  /** Findings per code left out of `findings` by the cap; `{}` when none. */
  omitted: Record<string, number>;
  /** Findings the baseline accepted (`--baseline`), moved out of `findings`: they do not count for `verdict`. `[]` when none. */
  baselined: JsonBaselinedFinding[];
  consumers: JsonConsumer[];
  blastRadius: JsonBlastRadius;
}

export interface JsonSummary {
  files: number;
  verdicts: Record<Verdict, number>;
  /** True finding counts (capped ones included) by severity. */
  findings: { error: number; warning: number };
  /** Findings left out by the per-code cap, over all files. */
  omitted: number;
  /** Findings the baseline accepted, over all files: not in `findings` and not counted by the gate. */
  baselined: number;
  /** Over all files: a consumer counts once however many files crash it. */
  blastRadius: JsonBlastRadius;
}

export interface JsonReport {
  tool: { name: string; version: string };
  /** The format schema the files were read with: its format name and where it came from. */
  schema: { format: string; source: string };
  summary: JsonSummary;
  files: JsonFile[];
}

export function toJsonReport(report: ValidationReport): JsonReport {
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    schema: { format: report.schema.name, source: report.schema.source },
    summary: toSummary(report),
    files: report.files.map((f) => toJsonFile(f, report)),
  };
}

/**
 * One document, indented by 2 spaces. JSON.stringify already escapes C0 controls and lone
 * surrogates; C1 controls, bidi and invisible characters are escaped too (`\u202e`), which
 * leaves every value the same once parsed but keeps a terminal that shows the raw text safe.
 */
export function renderJson(report: ValidationReport): string {
  return `${jsonSafe(JSON.stringify(toJsonReport(report), null, 2))}\n`;
}

/** Messages are bounded where they are made; this bounds any that were not. */
const MAX_MESSAGE = 4_000;

function toSummary(report: ValidationReport): JsonSummary {
  const verdicts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  const findings = { error: 0, warning: 0 };
  let omitted = 0;
  let baselined = 0;
  for (const file of report.files) {
    verdicts[file.verdict] += 1;
    baselined += baselinedOf(file).length;
    const totals = severityTotals(file);
    findings.error += totals.errors;
    findings.warning += totals.warnings;
    for (const n of Object.values(file.omitted ?? {})) omitted += n;
  }
  return { files: report.files.length, verdicts, findings, omitted, baselined, blastRadius: toJsonRadius(runBlastRadius(report)) };
}

function toJsonFile(file: FileReport, report: ValidationReport): JsonFile {
  return {
    file: file.file,
    verdict: file.verdict,
    ...(file.verdict === 'error' ? { error: safeText(file.error ?? 'the file could not be validated', MAX_MESSAGE) } : {}),
    ...(file.sha256 !== undefined ? { sha256: file.sha256 } : {}),
    findings: file.findings.map(toJsonFinding),
    totals: { ...(file.totals ?? {}) },
    omitted: { ...(file.omitted ?? {}) },
    baselined: baselinedOf(file).map(toJsonBaselined),
    consumers: file.consumers.map(toJsonConsumer),
    blastRadius: toJsonRadius(blastRadius(file, report.fleet)),
  };
}

function toJsonRadius(r: BlastRadius): JsonBlastRadius {
  return {
    crash: { profiles: [...r.crash.profiles], population: r.crash.population },
    reject: { profiles: [...r.reject.profiles], population: r.reject.population },
    ...(r.undecided.profiles.length > 0 ? { undecided: { profiles: [...r.undecided.profiles], population: r.undecided.population } } : {}),
    fleetPopulation: r.total,
  };
}

function toJsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = { code: f.code, severity: f.severity, message: safeText(f.message, MAX_MESSAGE), path: bounded(f.path), offset: f.offset };
  if (f.profile !== undefined) out.profile = f.profile;
  const exec = execDetailsOf(f);
  if (exec !== undefined) out.exec = exec;
  return out;
}

function toJsonBaselined(b: BaselinedFinding): JsonBaselinedFinding {
  const out: JsonBaselinedFinding = { ...toJsonFinding(b.finding), reason: safeText(b.reason, MAX_MESSAGE) };
  if (b.expires !== undefined) out.expires = b.expires;
  return out;
}

function toJsonConsumer(c: ConsumerReport): JsonConsumer {
  const out: JsonConsumer = {
    profile: c.profile,
    outcome: c.outcome,
    population: c.population,
    fault: c.fault === null ? null : { code: c.fault.code, path: bounded(c.fault.path), offset: c.fault.offset },
  };
  if (c.real === true) out.real = true;
  return out;
}

/** Field paths are short (schema names and indexes); cut one that is not rather than echo it whole. */
function bounded(path: string): string {
  const { head, cut: wasCut } = cut(path, 1_000);
  return wasCut ? `${head}…` : head;
}
