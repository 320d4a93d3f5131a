export { validateBytes } from './validate-bytes.js';
export type { ValidateOptions } from './validate-bytes.js';
export { verdictOf } from './verdict.js';
export { mergeIssues } from './merge-issues.js';
export { formatCatalog } from './format-catalog.js';
