import type { Finding } from '../findings/index.js';
import type { BaselinedFinding, FileReport, Verdict } from '../report/model.js';
import type { Baseline, BaselineEntry } from './types.js';

export interface BaselineOutcome {
  readonly files: readonly FileReport[];
  /** Entries past their date: they suppressed nothing, and the user should renew or drop them. */
  readonly expired: readonly BaselineEntry[];
  /** Entries (not expired) that matched no finding in this run: fixed, or the file changed. */
  readonly unused: readonly BaselineEntry[];
}

/**
 * Moves the findings the baseline accepts out of each file's `findings` into `baselined`, and
 * recomputes the verdict from what is left, so only new findings fail the gate. `today` is a
 * `YYYY-MM-DD` date (UTC); an entry whose `expires` is before it no longer suppresses anything.
 */
export function applyBaseline(files: readonly FileReport[], baseline: Baseline, today: string): BaselineOutcome {
  const expired = baseline.entries.filter((e) => e.expires !== undefined && e.expires < today);
  const live = new Map<string, { entry: BaselineEntry; path: RegExp }[]>();
  for (const entry of baseline.entries) {
    if (entry.expires !== undefined && entry.expires < today) continue;
    const key = `${entry.sha256}\0${entry.code}`;
    const list = live.get(key) ?? [];
    list.push({ entry, path: pathPattern(entry.path) });
    live.set(key, list);
  }
  const used = new Set<BaselineEntry>();
  const out = files.map((file): FileReport => {
    if (file.sha256 === undefined || file.verdict === 'error') return file;
    const kept: Finding[] = [];
    const accepted: BaselinedFinding[] = [];
    for (const finding of file.findings) {
      const match = live.get(`${file.sha256}\0${finding.code}`)?.find((c) => matches(c.entry, c.path, finding));
      if (match === undefined) kept.push(finding);
      else {
        used.add(match.entry);
        accepted.push(match.entry.expires !== undefined
          ? { finding, reason: match.entry.reason, expires: match.entry.expires }
          : { finding, reason: match.entry.reason });
      }
    }
    if (accepted.length === 0) return file;
    return { ...file, findings: kept, baselined: accepted, verdict: verdictAfter(kept, file) };
  });
  const unused = baseline.entries.filter((e) => !used.has(e) && !expired.includes(e));
  return { files: out, expired, unused };
}

function matches(entry: BaselineEntry, path: RegExp, finding: Finding): boolean {
  if (entry.profile !== undefined && entry.profile !== finding.profile) return false;
  return path.test(finding.path);
}

/** `instances[*].criteria[20]`: `[*]` stands for any index, everything else is literal. */
function pathPattern(path: string): RegExp {
  const literal = path.split('[*]').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('\\[\\d+\\]')}$`);
}

/**
 * The verdict from the findings left. Findings the per-code cap left out (`omitted`) cannot be
 * matched one by one, so they count as new: a baseline never hides what it cannot see.
 */
function verdictAfter(kept: readonly Finding[], file: FileReport): Verdict {
  const severityOf = new Map(file.findings.map((f) => [f.code as string, f.severity]));
  const omittedSeverities = Object.entries(file.omitted ?? {}).filter(([, n]) => n > 0).map(([code]) => severityOf.get(code) ?? 'error');
  const severities = [...kept.map((f) => f.severity), ...omittedSeverities];
  if (severities.includes('error')) return 'fail';
  return severities.length > 0 ? 'warn' : 'pass';
}

/** Today's date in UTC, as baseline entries write it. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
