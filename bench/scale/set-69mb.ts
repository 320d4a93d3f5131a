/**
 * Issue 12's side-by-side: `validate` of the 69 MB set (copies of one 689 KB file) as one whole
 * process, against the hand-written DataView walker and the Kaitai Struct parser on the same
 * files in the same run, each of them both as a whole process (`node SCRIPT DIR`, the fair
 * comparison: start-up and reads included on both sides) and in this process (the bare reading
 * speed), with a check that all of them saw the instances and criteria the project's decoder sees.
 */
import { readFileSync } from 'node:fs';
import type { FormatSchema } from '../../src/schema/index.js';
import type { CompiledKsy } from '../kaitai/compile.js';
import { decoderCounts, kaitaiPass, pipelinePass, validatorPass, walkerPass, type Counts, type Pass } from './in-process.js';
import { defaultConsumers } from '../../test/helpers/consumers.js';
import { validateRun, type ValidateRun } from './validate-run.js';
import { baselineRun, medianRun, type BaselineRun, type BaselineScripts } from './whole-process.js';

export interface SetResult {
  readonly copies: number;
  readonly fileBytes: number;
  readonly totalBytes: number;
  /** `validate DIR` (the text report), the median of `rounds` whole processes by wall time: judged. */
  readonly validate: ValidateRun;
  /** `validate DIR --json FILE`, the same median: what the sanity check reads, and its time beside. */
  readonly validateJson: ValidateRun;
  /** In this process: median pass, no start-up. */
  readonly walker: Pass;
  readonly kaitai: Pass;
  /** preflight in this process, read the same way: its compiled validator alone, and validate's whole per-file pipeline. */
  readonly validator: Pass;
  readonly pipeline: Pass;
  /** As whole processes (`node walker-main.mjs DIR`): median of `rounds` runs. */
  readonly walkerProcess: BaselineRun;
  readonly kaitaiProcess: BaselineRun;
  /** The decoder's counts for one file. */
  readonly decoder: Counts;
  /** Empty when the walker, the Kaitai parser and validate agree with the decoder; else what differs. */
  readonly disagreements: string[];
}

export const mbPerS = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

export function measureSet(root: string, schema: FormatSchema, dir: string, files: readonly string[], kaitai: CompiledKsy, scripts: BaselineScripts, rounds: number): SetResult {
  const fileBytes = readFileSync(files[0]!).length;
  const decoder = decoderCounts(schema, new Uint8Array(readFileSync(files[0]!)));
  // The three whole processes take turns, round by round, so that a burst of load on the shared
  // machine falls on all of them alike.
  const runs = { validate: [] as ValidateRun[], validateJson: [] as ValidateRun[], walker: [] as BaselineRun[], kaitai: [] as BaselineRun[] };
  for (let r = 0; r < rounds; r++) {
    runs.validate.push(validateRun(root, [dir], [], false));
    runs.validateJson.push(validateRun(root, [dir]));
    runs.walker.push(baselineRun(root, scripts.walker, [dir]));
    runs.kaitai.push(baselineRun(root, scripts.kaitai, [kaitai.file, dir]));
  }
  const validate = runs.validate.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(rounds / 2)]!;
  const validateJson = runs.validateJson.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(rounds / 2)]!;
  const walkerProcess = medianRun(runs.walker);
  const kaitaiProcess = medianRun(runs.kaitai);
  const walker = walkerPass(files, rounds);
  const kaitaiRun = kaitaiPass(files, rounds, kaitai);
  const validator = validatorPass(files, rounds, schema);
  const consumers = defaultConsumers();
  const pipeline = pipelinePass(files, rounds, { schema, ...(consumers ? { consumers } : {}) });
  const want = { instances: decoder.instances * files.length, criteria: decoder.criteria * files.length };
  const disagreements: string[] = [];
  for (const [name, p] of [['walker', walker], ['kaitai', kaitaiRun], ['walker process', walkerProcess], ['kaitai process', kaitaiProcess]] as const) {
    if ('failure' in p && p.failure) disagreements.push(`${name} failed: ${p.failure}`);
    if (p.counts.instances !== want.instances || p.counts.criteria !== want.criteria) {
      disagreements.push(`${name} counted ${p.counts.instances} instances, ${p.counts.criteria} criteria; the decoder ${want.instances}, ${want.criteria}`);
    }
    if (p.findings !== 0) disagreements.push(`${name} found ${p.findings} problem(s) in files the decoder finds well-formed`);
  }
  if (validator.findings !== 0) disagreements.push(`the compiled validator did not call ${validator.findings} pass(es) of well-formed files clean`);
  if (pipeline.findings !== 0) disagreements.push(`validate's pipeline in-process reported ${pipeline.findings} error(s) over a pass`);
  for (const v of [...runs.validate, ...runs.validateJson]) if (v.failure) disagreements.push(`validate failed: ${v.failure}`);
  if (validateJson.files !== files.length) disagreements.push(`validate reported ${validateJson.files} of ${files.length} files`);
  if (validateJson.budgetCut > 0 || validateJson.errors > 0) disagreements.push(`validate: ${validateJson.budgetCut} file(s) cut by a budget, ${validateJson.errors} not validated`);
  return { copies: files.length, fileBytes, totalBytes: fileBytes * files.length, validate, validateJson, walker, kaitai: kaitaiRun, validator, pipeline, walkerProcess, kaitaiProcess, decoder, disagreements };
}
