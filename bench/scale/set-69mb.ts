/**
 * Issue 12's side-by-side: `validate` of the 69 MB set (copies of one 689 KB file) as one whole
 * process, against the hand-written DataView walker and the Kaitai Struct parser on the same
 * files in the same run, with a check that all three saw the instances and criteria the
 * project's decoder sees.
 */
import { readFileSync } from 'node:fs';
import type { FormatSchema } from '../../src/schema/index.js';
import type { CompiledKsy } from '../kaitai/compile.js';
import { decoderCounts, kaitaiPass, walkerPass, type Counts, type Pass } from './in-process.js';
import { validateRun, type ValidateRun } from './validate-run.js';

export interface SetResult {
  readonly copies: number;
  readonly fileBytes: number;
  readonly totalBytes: number;
  readonly validate: ValidateRun;
  readonly walker: Pass;
  readonly kaitai: Pass;
  /** The decoder's counts for one file. */
  readonly decoder: Counts;
  /** Empty when the walker, the Kaitai parser and validate agree with the decoder; else what differs. */
  readonly disagreements: string[];
}

export const mbPerS = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

export function measureSet(root: string, schema: FormatSchema, dir: string, files: readonly string[], kaitai: CompiledKsy, rounds: number): SetResult {
  const fileBytes = readFileSync(files[0]!).length;
  const decoder = decoderCounts(schema, new Uint8Array(readFileSync(files[0]!)));
  const validate = validateRun(root, [dir]);
  const walker = walkerPass(files, rounds);
  const kaitaiRun = kaitaiPass(files, rounds, kaitai);
  const want = { instances: decoder.instances * files.length, criteria: decoder.criteria * files.length };
  const disagreements: string[] = [];
  for (const [name, p] of [['walker', walker], ['kaitai', kaitaiRun]] as const) {
    if (p.counts.instances !== want.instances || p.counts.criteria !== want.criteria) {
      disagreements.push(`${name} counted ${p.counts.instances} instances, ${p.counts.criteria} criteria; the decoder ${want.instances}, ${want.criteria}`);
    }
    if (p.findings !== 0) disagreements.push(`${name} found ${p.findings} problem(s) in files the decoder finds well-formed`);
  }
  if (validate.failure) disagreements.push(`validate failed: ${validate.failure}`);
  if (validate.files !== files.length) disagreements.push(`validate reported ${validate.files} of ${files.length} files`);
  if (validate.budgetCut > 0 || validate.errors > 0) disagreements.push(`validate: ${validate.budgetCut} file(s) cut by a budget, ${validate.errors} not validated`);
  return { copies: files.length, fileBytes, totalBytes: fileBytes * files.length, validate, walker, kaitai: kaitaiRun, decoder, disagreements };
}
