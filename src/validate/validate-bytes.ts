import { createHash } from 'node:crypto';
import { WorkBudget, type BudgetLimits } from '../budget/work-budget.js';
import { checkStructure } from '../check/index.js';
import type { SimulationResult } from '../consumer/outcome.js';
import { CappedIssues, DEFAULT_MAX_FINDINGS_PER_CODE } from '../findings/capped-issues.js';
import { formatPath, NO_MODEL_CODES, renderMessage, severityOf, toFinding, type CodeCatalog, type Issue } from '../findings/index.js';
import { modelNodeBudget, simulateModel, type ModelFleet, type ModelProfile } from '../model/index.js';
import { compileFastDecoder } from '../parse/compile/index.js';
import { decode } from '../parse/index.js';
import type { ConsumerReport, FileReport } from '../report/model.js';
import type { FormatSchema } from '../schema/index.js';
import { formatCatalog } from './format-catalog.js';
import { mergeIssues } from './merge-issues.js';
import { verdictOf } from './verdict.js';
import { compileValidator } from './compile/index.js';

export interface ValidateOptions {
  readonly schema: FormatSchema;
  /**
   * The consumer model of the schema's format and the profiles to simulate with it; absent for a
   * format without a model (structural checks only: no consumers, no blast radius).
   */
  readonly consumers?: ModelFleet;
  /**
   * The work one file may cost (defaults in src/budget/work-budget.ts: 20 s, and 10,000 + 4 × size
   * nodes up to 1.5 million). Going over is a DECODE_BUDGET finding, never a throw.
   */
  readonly budget?: BudgetLimits;
  /** Findings kept per code (default 50); the rest are counted in `totals` and `omitted`. */
  readonly maxFindingsPerCode?: number;
  /**
   * Whether the report carries the bytes' sha256 (default true). Only the JSON, SARIF and JUnit
   * reports and baselines show or match it; a run that writes none of them skips hashing every
   * byte (on the 69 MB set, about a sixth of validate's CPU time).
   */
  readonly hash?: boolean;
}

/** The pipeline for one file: parse → check → simulate each consumer → report. Never throws on any bytes. */
export function validateBytes(file: string, bytes: Uint8Array, options: ValidateOptions): FileReport {
  let budget = new WorkBudget(bytes.length, options.budget);
  const sink = new CappedIssues(options.maxFindingsPerCode ?? DEFAULT_MAX_FINDINGS_PER_CODE);
  // The format's own codes, its schema's and its model's, rate and render like built-in ones.
  const catalog: CodeCatalog = formatCatalog(options.schema, options.consumers?.model.codes ?? NO_MODEL_CODES);
  const checkStats = { unevaluated: 0 };
  // The compiled validator (src/validate/compile) walks the bytes and answers only "no structural
  // finding": such a file needs no tree, no checks over it and no locations. Any other file, or
  // one it cannot decide, goes through the pipeline below with a budget of its own, so the report
  // is the pipeline's either way.
  const clean = compileValidator(options.schema).isClean(bytes, options.budget) && budget.checkClock();
  if (!clean) {
    budget = new WorkBudget(bytes.length, options.budget);
    // The compiled fast path answers for well-formed files; anything unusual goes to the
    // diagnostic decoder, which locates the problem.
    const decoded = compileFastDecoder(options.schema).decode(bytes, budget.nodeLimit) ?? decode(options.schema, bytes, { budget, sink });
    sink.pushAll(decoded.issues);
    checkStructure(options.schema, bytes, decoded, { sink, budget, stats: checkStats });
  }
  const consumers = options.consumers;
  const simulations = consumers ? consumers.profiles.map((p) => simulate(bytes, consumers, p, budget, sink)) : [];
  // Rules over data the decode did not produce are only counted (the decode's own error fails the
  // file); should a schema make that stop a warning, the file must still not pass.
  if (checkStats.unevaluated > 0 && !sink.kept.some((i) => severityOf(i, catalog) === 'error')) {
    sink.pushKept({ code: 'CONSTRAINT', path: [], offset: 0, details: {
      rule: `${checkStats.unevaluated} rule evaluation(s)`, unevaluated: true, reason: 'part of the file was not decoded',
    } });
  }
  const findings = mergeIssues(sink.kept, catalog).map((i) => toFinding(i, catalog));
  const omitted = sink.omitted();
  return {
    file,
    verdict: verdictOf(findings),
    findings,
    consumers: simulations.map((s, i) => consumerReport(s, consumers!.profiles[i]!, catalog)),
    totals: sink.totals(),
    ...(omitted ? { omitted } : {}),
    ...(options.hash !== false ? { sha256: createHash('sha256').update(bytes).digest('hex') } : {}),
  };
}

/**
 * One profile's simulation, its issues through the capped sink: the fault (the consumer list
 * refers to it) and any budget cut (part of the file went unsimulated) are always kept, the rest
 * only counted once their code is over the cap.
 */
function simulate(bytes: Uint8Array, consumers: ModelFleet, profile: ModelProfile, file: WorkBudget, sink: CappedIssues): SimulationResult {
  // A consumer reads a record as often as the layout points at it, so its node bound is the
  // model's own (not the decoder's, which the decode has spent); its time is what the file has left.
  const budget = new WorkBudget(bytes.length, { nodes: modelNodeBudget(bytes.length), timeMs: file.remainingMs() });
  const sim = simulateModel(bytes, consumers.model, profile, { budget });
  const f = sim.fault;
  for (const issue of sim.issues) {
    const isFault = f !== null && issue.code === f.code && issue.offset === f.offset && formatPath(issue.path) === formatPath(f.path);
    if (issue.code === 'DECODE_BUDGET') sink.pushKept(fileTimeLimit(issue, file));
    else if (isFault) sink.pushKept(issue);
    else sink.push(issue);
  }
  return sim;
}

/** A simulation out of time ran out of the file's time: its finding names the file's limit, not what was left of it. */
function fileTimeLimit(issue: Issue, file: WorkBudget): Issue {
  return issue.details?.budget === 'time' ? { ...issue, details: { ...issue.details, limit: file.timeLimitMs } } : issue;
}

function consumerReport(sim: SimulationResult, profile: ModelProfile, catalog: CodeCatalog): ConsumerReport {
  const f = sim.fault;
  return {
    profile: sim.profile,
    outcome: sim.outcome,
    population: profile.population,
    fault: f ? { code: f.code, path: formatPath(f.path), offset: f.offset, message: renderMessage(f.code, f.details, catalog) } : null,
  };
}
