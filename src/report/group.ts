import type { Finding } from '../findings/index.js';
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
