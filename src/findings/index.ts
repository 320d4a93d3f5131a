export { FINDING_CODES, CRASH_CODES, isFindingCode } from './codes.js';
export type { CodeInfo, CrashCode, FindingCode, FindingKind, Severity } from './codes.js';
export type { Finding, Issue } from './finding.js';
export { formatPath, normalisePath, prefixPath } from './path.js';
export type { FieldPath, PathSegment } from './path.js';
export { renderMessage } from './messages.js';
export { toFinding, severityOf } from './to-finding.js';
