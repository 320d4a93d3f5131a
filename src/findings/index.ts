export { FINDING_CODES, CRASH_CODES, EXEC_CODES, isBuiltinCode, isFindingCode } from './codes.js';
export type { BuiltinCode, CodeInfo, CrashCode, FindingCode, FindingKind, ModelCode, Severity } from './codes.js';
export { codeInfo, mergeCatalogs, modelCode, NO_MODEL_CODES } from './catalog.js';
export type { CatalogEntry, CodeCatalog } from './catalog.js';
export type { Finding, Issue } from './finding.js';
export { formatPath, normalisePath, prefixPath } from './path.js';
export type { FieldPath, PathSegment } from './path.js';
export { renderMessage } from './messages.js';
export { toFinding, severityOf } from './to-finding.js';
