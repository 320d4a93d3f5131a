import type { ModelFleet } from '../../model/index.js';
import type { FormatSchema } from '../../schema/index.js';
import type { Part, ReportDiff } from './model.js';

/** diff's part of the report (two files). Until src/triage/diff is in, it is missing, and the page says so. */
export function diffPart(_schema: FormatSchema, _consumers: ModelFleet | undefined, _oldBytes: Uint8Array, _newBytes: Uint8Array): Part<ReportDiff> {
  return { missing: 'diff (src/triage/diff) is not available in this build' };
}
