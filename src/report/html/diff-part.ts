import type { ModelFleet } from '../../model/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { diffFiles } from '../../triage/diff/index.js';
import { part } from './part.js';
import { diffLines } from './diff-lines.js';
import type { Part, ReportDiff } from './model.js';

/** diff's part of the report (two files: the second against the first), or why it is missing. */
export function diffPart(schema: FormatSchema, consumers: ModelFleet | undefined, oldBytes: Uint8Array, newBytes: Uint8Array): Part<ReportDiff> {
  return part(() => diffLines(diffFiles({ schema, consumers, oldBytes, newBytes })), 'the diff could not be made');
}
