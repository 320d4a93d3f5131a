import { codeInfo, NO_MODEL_CODES, type CodeCatalog } from './catalog.js';
import type { Severity } from './codes.js';
import type { Finding, Issue } from './finding.js';
import { renderMessage } from './messages.js';
import { formatPath } from './path.js';

/**
 * The issue's own severity, else its code's: built-in, or from `catalog` for a model's code. A code
 * neither knows counts as an error: an unknown finding must never pass a file.
 */
export function severityOf(issue: Issue, catalog: CodeCatalog = NO_MODEL_CODES): Severity {
  return issue.severity ?? codeInfo(issue.code, catalog)?.severity ?? 'error';
}

/** An issue as reported; `catalog` holds the model codes it may carry (none by default). */
export function toFinding(issue: Issue, catalog: CodeCatalog = NO_MODEL_CODES): Finding {
  const finding: Finding = {
    code: issue.code,
    severity: severityOf(issue, catalog),
    message: renderMessage(issue.code, issue.details, catalog),
    path: formatPath(issue.path),
    offset: issue.offset,
    ...(issue.profile !== undefined ? { profile: issue.profile } : {}),
    ...(issue.details !== undefined ? { details: issue.details } : {}),
  };
  return finding;
}
