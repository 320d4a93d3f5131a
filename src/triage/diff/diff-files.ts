import type { BudgetLimits } from '../../budget/work-budget.js';
import type { ModelFleet } from '../../model/index.js';
import { lentOrOwnDecode, type Decoded } from '../../parse/index.js';
import type { FileReport } from '../../report/model.js';
import { rootScope, type FormatSchema } from '../../schema/index.js';
import { validateBytes } from '../../validate/validate-bytes.js';
import { ChangeSink } from './change-sink.js';
import { compareStruct } from './compare-struct.js';
import { consumerChanges } from './consumer-changes.js';
import type { Side } from './diff-context.js';
import { findingChanges } from './finding-changes.js';
import { IdentityMap } from './identity.js';
import { DEFAULT_MAX_CHANGES, type FileDiff, type FileSide } from './types.js';

export interface DiffInput {
  readonly schema: FormatSchema;
  /** The consumer model and fleet; absent for a format without one (no consumer section then). */
  readonly consumers?: ModelFleet | undefined;
  readonly oldBytes: Uint8Array;
  readonly newBytes: Uint8Array;
  /** Changes listed, and findings listed each way; the rest are counted (default 200). */
  readonly maxChanges?: number;
  /** The work each file's validation and decode may cost (validate's defaults). */
  readonly budget?: BudgetLimits;
  /** validate's reports of the old and the new file, when the caller has them (made with the same schema and fleet): not made again. */
  readonly reports?: readonly [FileReport, FileReport];
  /** The diagnostic decoder's results for the two (`decode(schema, bytes)` with the file's budget), when the caller has them and will release them. */
  readonly decoded?: readonly [Decoded, Decoded];
}

/**
 * What changed from `oldBytes` to `newBytes`, in content terms, and what it does to each
 * consumer. Both files are decoded with the diagnostic decoder (a partial file is compared as
 * far as it was read) and validated against the same fleet. Never throws on any bytes; bounded
 * by the decode budgets and the list cap.
 */
export function diffFiles(input: DiffInput): FileDiff {
  const { schema, oldBytes, newBytes } = input;
  const max = Math.max(0, input.maxChanges ?? DEFAULT_MAX_CHANGES);
  const identical = oldBytes.length === newBytes.length && Buffer.compare(oldBytes, newBytes) === 0;
  const validate = (name: string, bytes: Uint8Array): FileReport =>
    validateBytes(name, bytes, { schema, ...(input.consumers ? { consumers: input.consumers } : {}), ...(input.budget ? { budget: input.budget } : {}) });
  const oldReport = input.reports?.[0] ?? validate('old', oldBytes);
  const newReport = input.reports?.[1] ?? (identical ? { ...oldReport, file: 'new' } : validate('new', newBytes));
  const { decoded: oldDecoded, done: oldDone } = lentOrOwnDecode(schema, oldBytes, input.budget, input.decoded?.[0]);
  const { decoded: newDecoded, done: newDone } = lentOrOwnDecode(schema, newBytes, input.budget, input.decoded?.[1]);
  const old: Side = { value: oldDecoded.value, locate: oldDecoded.locate, ids: new IdentityMap(), report: oldReport };
  const now: Side = { value: newDecoded.value, locate: newDecoded.locate, ids: new IdentityMap(), report: newReport };
  const sink = new ChangeSink(max);
  const root = schema.types.get(schema.root)!;
  compareStruct({ schema, old, new: now, sink },
    { def: root, obj: old.value, path: [], scope: rootScope(old.value, oldBytes.length, old.locate, root.lets) },
    { def: root, obj: now.value, path: [], scope: rootScope(now.value, newBytes.length, now.locate, root.lets) }, '');
  sink.settle();
  const consumers = consumerChanges(oldReport.consumers, newReport.consumers, old.ids, now.ids);
  const diff: FileDiff = {
    format: schema.format,
    old: sideOf(oldBytes, oldDecoded.complete, oldReport),
    new: sideOf(newBytes, newDecoded.complete, newReport),
    identical,
    changes: sink.listed,
    counts: sink.counts(),
    consumers,
    findings: findingChanges(oldReport.findings, newReport.findings, old.ids, now.ids, max),
    worse: consumers.some((c) => c.change === 'worse'),
  };
  // The diff holds texts, paths and numbers: nothing of the decodes is needed past this point.
  oldDone();
  newDone();
  return diff;
}

function sideOf(bytes: Uint8Array, complete: boolean, report: FileReport): FileSide {
  return { size: bytes.length, complete, verdict: report.verdict, sha256: report.sha256 ?? '' };
}
