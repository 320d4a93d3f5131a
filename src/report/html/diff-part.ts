import type { ModelFleet } from '../../model/index.js';
import type { Decoded } from '../../parse/index.js';
import type { FileReport } from '../model.js';
import type { FormatSchema } from '../../schema/index.js';
import { diffFiles } from '../../triage/diff/index.js';
import { part } from './part.js';
import { diffLines } from './diff-lines.js';
import type { Part, ReportDiff } from './model.js';

/**
 * diff's part of the report (two files: the second against the first), or why it is missing.
 * `reports` and `decoded`: validate's reports of the two and their decodes, which the page has already made.
 */
export function diffPart(schema: FormatSchema, consumers: ModelFleet | undefined, oldBytes: Uint8Array, newBytes: Uint8Array, reports?: readonly [FileReport, FileReport], decoded?: readonly [Decoded, Decoded]): Part<ReportDiff> {
  return part(() => diffLines(diffFiles({ schema, consumers, oldBytes, newBytes, ...(reports !== undefined ? { reports } : {}), ...(decoded !== undefined ? { decoded } : {}) })), 'the diff could not be made');
}
