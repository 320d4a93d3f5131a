import type { ModelFleet } from '../../model/index.js';
import type { FileReport } from '../model.js';
import type { FormatSchema } from '../../schema/index.js';
import { diffFiles } from '../../triage/diff/index.js';
import { part } from './part.js';
import { diffLines } from './diff-lines.js';
import type { Part, ReportDiff } from './model.js';

/**
 * diff's part of the report (two files: the second against the first), or why it is missing.
 * `reports`: validate's reports of the two, which the page has already made.
 */
export function diffPart(schema: FormatSchema, consumers: ModelFleet | undefined, oldBytes: Uint8Array, newBytes: Uint8Array, reports?: readonly [FileReport, FileReport]): Part<ReportDiff> {
  return part(() => diffLines(diffFiles({ schema, consumers, oldBytes, newBytes, ...(reports !== undefined ? { reports } : {}) })), 'the diff could not be made');
}
