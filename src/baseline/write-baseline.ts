import { stringify } from 'yaml';
import type { FileReport } from '../report/model.js';
import { BASELINE_VERSION, REASON_PLACEHOLDER } from './types.js';

interface EntryOut {
  code: string;
  path: string;
  profile?: string;
  sha256: string;
  file: string;
  reason: string;
  expires?: string;
}

export interface WrittenBaseline {
  readonly text: string;
  readonly entries: number;
  /** Findings the per-code cap left out: they cannot be listed, so they are not in the baseline. */
  readonly leftOut: number;
}

const HEADER = `# preflight baseline: known findings that do not fail the gate (preflight validate --baseline FILE).
# Each entry accepts one finding: its code, its path ([*] = any index), its profile (consumer
# findings) and the sha256 of the file's bytes, so the same finding in a changed file is new again.
# Replace every "${REASON_PLACEHOLDER}" with the reason (the gate refuses the placeholder),
# and add "expires: YYYY-MM-DD" to entries that should stop suppressing after that day (UTC).
`;

/**
 * A baseline that accepts every finding of this run, in the files that could be validated.
 * Findings a previous baseline already accepted keep their reason and expiry date; new ones
 * get the placeholder reason. JSON when `format` is 'json', else YAML with a comment header.
 */
export function writeBaseline(files: readonly FileReport[], format: 'yaml' | 'json'): WrittenBaseline {
  const entries: EntryOut[] = [];
  const seen = new Set<string>();
  let leftOut = 0;
  for (const file of files) {
    if (file.sha256 === undefined || file.verdict === 'error') continue;
    for (const o of Object.values(file.omitted ?? {})) leftOut += o;
    const all = [
      ...(file.baselined ?? []).map((b) => ({ f: b.finding, reason: b.reason, expires: b.expires })),
      ...file.findings.map((f) => ({ f, reason: REASON_PLACEHOLDER, expires: undefined })),
    ];
    for (const { f, reason, expires } of all) {
      const key = [file.sha256, f.code, f.path, f.profile ?? ''].join('\0');
      if (seen.has(key)) continue;
      seen.add(key);
      // Key order is the order a person reads an entry in: what, where, which file, why.
      const e: EntryOut = { code: f.code, path: f.path, ...(f.profile !== undefined ? { profile: f.profile } : {}), sha256: file.sha256, file: file.file, reason };
      if (expires !== undefined) e.expires = expires;
      entries.push(e);
    }
  }
  const doc = { version: BASELINE_VERSION, entries };
  const text = format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : HEADER + stringify(doc, { lineWidth: 0 });
  return { text, entries: entries.length, leftOut };
}
