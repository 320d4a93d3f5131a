import type { Finding } from '../../findings/index.js';
import { jsonSafe } from '../../report/json-safe.js';
import type { FileDiff } from './types.js';

/** The files as named on the command line, for the document's header. */
export interface DiffFiles {
  readonly old: string;
  readonly new: string;
}

/**
 * The diff as one JSON document: the FileDiff with the file names, findings without their raw
 * details (which may hold big integers), and the gate's answer. Terminal-safe when printed raw.
 */
export function diffJson(diff: FileDiff, files: DiffFiles): string {
  const doc = {
    format: diff.format,
    old: { file: files.old, ...diff.old },
    new: { file: files.new, ...diff.new },
    identical: diff.identical,
    counts: diff.counts,
    changes: diff.changes,
    consumers: diff.consumers.map((c) => ({
      profile: c.profile, population: c.population, change: c.change,
      old: { outcome: c.old.outcome, fault: c.old.fault }, new: { outcome: c.new.outcome, fault: c.new.fault },
    })),
    findings: {
      appeared: diff.findings.appeared.map(plainFinding), appearedTotal: diff.findings.appearedTotal,
      resolved: diff.findings.resolved.map(plainFinding), resolvedTotal: diff.findings.resolvedTotal,
    },
    worse: diff.worse,
  };
  return `${jsonSafe(JSON.stringify(doc, null, 2))}\n`;
}

function plainFinding(f: Finding): Record<string, unknown> {
  return { code: f.code, severity: f.severity, message: f.message, path: f.path, offset: f.offset, ...(f.profile !== undefined ? { profile: f.profile } : {}) };
}
