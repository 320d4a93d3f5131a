export { diffFiles } from './diff-files.js';
export type { DiffInput } from './diff-files.js';
export { renderDiffText } from './render-text.js';
export { diffJson } from './render-json.js';
export { OUTCOME_RANK, DEFAULT_MAX_CHANGES } from './types.js';
export type { Change, ChangeCounts, ChangeKind, ConsumerChange, FieldChange, FileDiff, FileSide, FindingChanges } from './types.js';
