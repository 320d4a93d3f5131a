import { codeInfo, type Finding } from '../findings/index.js';
import type { FileReport } from './model.js';

export interface FindingGroups {
  /** Findings not tied to a consumer: the file against its schema. */
  readonly structure: readonly Finding[];
  /** Per consumer profile, in the order of the file's consumers, then any others as met. */
  readonly byProfile: ReadonlyMap<string, readonly Finding[]>;
}

/**
 * Splits a file's findings by the question they answer. Grouping is by `profile` rather than by
 * the code's kind so that a schema-level finding can never hide under a consumer heading.
 */
export function groupFindings(file: FileReport): FindingGroups {
  const structure: Finding[] = [];
  const byProfile = new Map<string, Finding[]>(file.consumers.map((c) => [c.profile, []]));
  for (const finding of file.findings) {
    if (finding.profile === undefined) {
      structure.push(finding);
      continue;
    }
    const list = byProfile.get(finding.profile);
    if (list) list.push(finding);
    else byProfile.set(finding.profile, [finding]);
  }
  return { structure, byProfile };
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** One text-report entry: the same code and message on one or more consumers and places. */
export interface FindingEntry {
  readonly finding: Finding;
  /** Profiles it was found on, in report order; empty for structure findings. */
  readonly profiles: readonly string[];
  /** The same finding at other elements of the same shape (`instances[3].x` beside `instances[0].x`). */
  readonly alsoAt: readonly Finding[];
  /** Whether every one of `alsoAt` has the very same message (else only its numbers differ). */
  readonly sameMessage: boolean;
}

/**
 * Folds findings that repeat into one entry: first per consumer (same code, path, severity and
 * message on several profiles → one entry listing them), then per element (the same finding, its
 * numbers aside, on several elements of one shape, such as every criterion past a consumer's
 * inputs → one entry that names the other places). A fleet of ten versions or a thousand similar
 * elements print once; JSON, SARIF and JUnit still list every finding.
 */
export function groupRepeated(findings: readonly Finding[]): FindingEntry[] {
  const byPlace = new Map<string, { finding: Finding; profiles: string[] }>();
  for (const f of findings) {
    const key = JSON.stringify([f.code, f.path, f.severity, f.message, f.offset]);
    const entry = byPlace.get(key);
    if (entry) {
      if (f.profile !== undefined && !entry.profiles.includes(f.profile)) entry.profiles.push(f.profile);
    } else {
      byPlace.set(key, { finding: f, profiles: f.profile === undefined ? [] : [f.profile] });
    }
  }
  // Per element: same code, severity, consumers and path shape, and a message that differs at most
  // in its numbers ("criterion 21 reads inputs[21]" beside "criterion 20 reads inputs[20]").
  const byShape = new Map<string, { finding: Finding; profiles: string[]; alsoAt: Finding[]; sameMessage: boolean }>();
  for (const e of byPlace.values()) {
    const f = e.finding;
    const key = JSON.stringify([f.code, f.severity, f.message.replace(/\d[\d,]*/g, '#'), e.profiles, f.path.replace(/\[\d+\]/g, '[*]')]);
    const entry = byShape.get(key);
    if (entry) {
      entry.alsoAt.push(f);
      if (f.message !== entry.finding.message) entry.sameMessage = false;
    } else {
      byShape.set(key, { ...e, alsoAt: [], sameMessage: true });
    }
  }
  return [...byShape.values()];
}

/** Findings left out by the per-code cap, as [code, count], largest first. */
export function omittedCounts(file: FileReport): Array<[string, number]> {
  const omitted = file.omitted ?? {};
  return Object.keys(omitted)
    .filter((code) => (omitted[code] ?? 0) > 0)
    .map((code): [string, number] => [code, omitted[code]!])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * True counts by severity, the capped findings included: each omitted finding counts with the
 * severity the shown findings of its code have (a schema may lower a code), else the code's default.
 */
export function severityTotals(file: FileReport): { errors: number; warnings: number } {
  const shown = countBySeverity(file.findings);
  let { errors, warnings } = shown;
  for (const [code, n] of omittedCounts(file)) {
    const sample = file.findings.find((f) => f.code === code);
    const severity = sample?.severity ?? codeInfo(code)?.severity ?? 'error';
    if (severity === 'error') errors += n;
    else warnings += n;
  }
  return { errors, warnings };
}
