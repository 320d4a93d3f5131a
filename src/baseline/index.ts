export { parseBaseline, isCalendarDate } from './parse-baseline.js';
export { applyBaseline, todayUtc } from './apply-baseline.js';
export type { BaselineOutcome } from './apply-baseline.js';
export { writeBaseline } from './write-baseline.js';
export type { WrittenBaseline } from './write-baseline.js';
export { BaselineError } from './baseline-error.js';
export { BASELINE_VERSION, REASON_PLACEHOLDER } from './types.js';
export type { Baseline, BaselineEntry, BaselinedFileReport, BaselinedFinding } from './types.js';
