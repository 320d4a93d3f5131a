import { FINDING_CODES, type Severity } from './codes.js';
import type { Finding, Issue } from './finding.js';
import { renderMessage } from './messages.js';
import { formatPath } from './path.js';

export function severityOf(issue: Issue): Severity {
  return issue.severity ?? FINDING_CODES[issue.code].severity;
}

export function toFinding(issue: Issue): Finding {
  const finding: Finding = {
    code: issue.code,
    severity: severityOf(issue),
    message: renderMessage(issue.code, issue.details),
    path: formatPath(issue.path),
    offset: issue.offset,
    ...(issue.profile !== undefined ? { profile: issue.profile } : {}),
    ...(issue.details !== undefined ? { details: issue.details } : {}),
  };
  return finding;
}
