import { checkStructure } from '../check/index.js';
import type { ConsumerProfile } from '../consumer/index.js';
import { formatPath, renderMessage, toFinding, type Issue } from '../findings/index.js';
import { compileFastDecoder } from '../parse/compile/index.js';
import { decode } from '../parse/index.js';
import type { ConsumerReport, FileReport } from '../report/model.js';
import type { FormatSchema } from '../schema/index.js';
import { simulateConsumer, type SimulationResult } from '../simulate/index.js';
import { mergeIssues } from './merge-issues.js';
import { verdictOf } from './verdict.js';

/** The format the simulated interpreter models; other schemas are checked structurally only. */
export const CONSUMER_MODEL_FORMAT = 'ccf-v1';

export interface ValidateOptions {
  readonly schema: FormatSchema;
  /** Consumer profiles to simulate; ignored (must be empty) for formats without a consumer model. */
  readonly fleet: readonly ConsumerProfile[];
}

/** The pipeline for one file: parse → check → simulate → report. */
export function validateBytes(file: string, bytes: Uint8Array, options: ValidateOptions): FileReport {
  // The compiled fast path answers for well-formed files; anything unusual goes to the
  // diagnostic decoder, which locates the problem.
  const decoded = compileFastDecoder(options.schema).decode(bytes) ?? decode(options.schema, bytes);
  const structural = checkStructure(options.schema, bytes, decoded);
  const simulations = options.schema.format === CONSUMER_MODEL_FORMAT ? options.fleet.map((p) => simulateConsumer(bytes, p)) : [];
  const issues: Issue[] = [...decoded.issues, ...structural, ...simulations.flatMap((s) => s.issues)];
  const findings = mergeIssues(issues).map(toFinding);
  return {
    file,
    verdict: verdictOf(findings),
    findings,
    consumers: simulations.map((s, i) => consumerReport(s, options.fleet[i]!)),
  };
}

function consumerReport(sim: SimulationResult, profile: ConsumerProfile): ConsumerReport {
  const f = sim.fault;
  return {
    profile: sim.profile,
    outcome: sim.outcome,
    population: profile.population,
    fault: f ? { code: f.code, path: formatPath(f.path), offset: f.offset, message: renderMessage(f.code, f.details) } : null,
  };
}
