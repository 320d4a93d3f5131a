import { createHash } from 'node:crypto';
import { WorkBudget, type BudgetLimits } from '../budget/work-budget.js';
import { checkStructure } from '../check/index.js';
import type { ConsumerProfile } from '../consumer/index.js';
import { CappedIssues, DEFAULT_MAX_FINDINGS_PER_CODE } from '../findings/capped-issues.js';
import { formatPath, renderMessage, severityOf, toFinding } from '../findings/index.js';
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
  /**
   * The work one file may cost (defaults in src/budget/work-budget.ts: 20 s, and 10,000 + 4 × size
   * nodes up to 1.5 million). Going over is a DECODE_BUDGET finding, never a throw.
   */
  readonly budget?: BudgetLimits;
  /** Findings kept per code (default 50); the rest are counted in `totals` and `omitted`. */
  readonly maxFindingsPerCode?: number;
}

/** The pipeline for one file: parse → check → simulate → report. Never throws on any bytes. */
export function validateBytes(file: string, bytes: Uint8Array, options: ValidateOptions): FileReport {
  const budget = new WorkBudget(bytes.length, options.budget);
  const sink = new CappedIssues(options.maxFindingsPerCode ?? DEFAULT_MAX_FINDINGS_PER_CODE);
  // The compiled fast path answers for well-formed files; anything unusual goes to the
  // diagnostic decoder, which locates the problem.
  const decoded = compileFastDecoder(options.schema).decode(bytes, budget.nodeLimit) ?? decode(options.schema, bytes, { budget, sink });
  sink.pushAll(decoded.issues);
  const checkStats = { unevaluated: 0 };
  checkStructure(options.schema, bytes, decoded, { sink, budget, stats: checkStats });
  const simulations = options.schema.format === CONSUMER_MODEL_FORMAT
    ? options.fleet.map((p) => simulateConsumer(bytes, p, undefined, { sink, budget }))
    : [];
  // Rules over data the decode did not produce are only counted (the decode's own error fails the
  // file); should a schema make that stop a warning, the file must still not pass.
  if (checkStats.unevaluated > 0 && !sink.kept.some((i) => severityOf(i) === 'error')) {
    sink.pushKept({ code: 'CONSTRAINT', path: [], offset: 0, details: {
      rule: `${checkStats.unevaluated} rule evaluation(s)`, unevaluated: true, reason: 'part of the file was not decoded',
    } });
  }
  const findings = mergeIssues(sink.kept).map(toFinding);
  const omitted = sink.omitted();
  return {
    file,
    verdict: verdictOf(findings),
    findings,
    consumers: simulations.map((s, i) => consumerReport(s, options.fleet[i]!)),
    totals: sink.totals(),
    ...(omitted ? { omitted } : {}),
    sha256: createHash('sha256').update(bytes).digest('hex'),
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
