import { formatPath, NO_MODEL_CODES, severityOf, type CodeCatalog, type Issue } from '../findings/index.js';

/** One finding per (code, path, profile), errors first, then by offset: the order people read them in. */
export function mergeIssues(issues: readonly Issue[], catalog: CodeCatalog = NO_MODEL_CODES): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const key = `${issue.code}\u0000${formatPath(issue.path)}\u0000${issue.profile ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  const rank = (issue: Issue): number => (severityOf(issue, catalog) === 'error' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.offset - b.offset || (a.profile ?? '').localeCompare(b.profile ?? ''));
}
