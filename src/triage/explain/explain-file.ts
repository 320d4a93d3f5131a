import { WorkBudget, type BudgetLimits } from '../../budget/work-budget.js';
import type { ConsumerFault, SimulationResult } from '../../consumer/outcome.js';
import { codeInfo, formatPath, renderMessage, type CodeCatalog, type Issue } from '../../findings/index.js';
import { modelNodeBudget, simulateModel, type ModelFleet, type ModelProfile } from '../../model/index.js';
import { lentOrOwnDecode, type Decoded } from '../../parse/index.js';
import type { FileReport } from '../../report/model.js';
import type { FormatSchema } from '../../schema/index.js';
import { formatCatalog, validateBytes } from '../../validate/index.js';
import type { ChainContext } from './chain-context.js';
import { faultChain } from './fault-chain.js';
import { budgetChain, hazardChain } from './chain-hazards.js';
import type { ConsumerExplanation, FileExplanation, FileSummary, HazardExplanation } from './types.js';

/** Hazards explained per consumer; the rest are counted. */
export const MAX_HAZARDS = 10;
/** Findings in the file's summary. */
export const MAX_SUMMARY_FINDINGS = 20;

export interface ExplainFileInput {
  readonly schema: FormatSchema;
  /** The format's consumer model and the profiles to explain; absent: the format has none. */
  readonly consumers?: ModelFleet;
  readonly bytes: Uint8Array;
  /** The file's name, for the summary. */
  readonly name?: string;
  /** The work the file may cost (as validate's); over it is a DECODE_BUDGET finding, never a throw. */
  readonly budget?: BudgetLimits;
  /**
   * The consumer simulation's own budget (as validate's: the model's node bound, the file's time
   * limit, by default). A run it cuts short is `undecided`, and its chain says which budget.
   */
  readonly consumerBudget?: BudgetLimits;
  /** validate's report of the same bytes, when the caller has one: it is not made again. */
  readonly report?: FileReport;
  /**
   * The diagnostic decoder's result for the same bytes (`decode(schema, bytes)` with the file's
   * budget), when the caller has one and will release it: it is not made again.
   */
  readonly decoded?: Decoded;
}

/**
 * For each consumer profile: what it does with the file and, when it crashes or refuses, the chain
 * of facts that leads there, generated from the consumer model's clauses over the decoded file.
 * Never throws on any bytes: every walk is bounded by a path, a list cap or the work budget.
 */
export function explainFile(input: ExplainFileInput): FileExplanation {
  const { schema, consumers, bytes } = input;
  const report = input.report ?? validateBytes(input.name ?? '', bytes, { schema, ...(consumers ? { consumers } : {}), ...(input.budget ? { budget: input.budget } : {}) });
  const file = summary(input.name, schema, bytes, report);
  if (!consumers) return { file, consumers: [] };
  const catalog = formatCatalog(schema, consumers.model.codes);
  // Every simulation runs, and is cut down to what its chains need, before the decode: a hostile
  // file's decoded tree (15 MB for 1 MiB of random bytes) and a simulation's issues (millions on
  // a fan-out file) are then never held at once, nor two simulations' issues.
  const sims = consumers.profiles.map((profile) => {
    const limits = { nodes: modelNodeBudget(bytes.length), ...(input.budget?.timeMs ? { timeMs: input.budget.timeMs } : {}), ...input.consumerBudget };
    return whatChainsNeed(simulateModel(bytes, consumers.model, profile, { budget: new WorkBudget(bytes.length, limits) }), catalog);
  });
  const { decoded, done } = lentOrOwnDecode(schema, bytes, input.budget, input.decoded);
  const files = { value: decoded.value, size: bytes.length, locate: decoded.locate };
  const explained = consumers.profiles.map((profile, i) => explainConsumer({ schema, model: consumers.model, profile, file: files, catalog }, sims[i]!));
  // The chains are texts and paths: nothing of the decode is needed past this point.
  done();
  return { file, consumer: consumers.model.consumer, consumers: explained };
}

/** Of one simulation, what its explanation reads: the outcome and fault, the first hazards and how many more, a budget cut. */
interface SimSummary {
  readonly outcome: SimulationResult['outcome'];
  readonly fault: ConsumerFault | null;
  readonly hazards: readonly Issue[];
  readonly moreHazards: number;
  readonly cut: Issue | undefined;
}

function whatChainsNeed(sim: SimulationResult, catalog: CodeCatalog): SimSummary {
  const hazards: Issue[] = [];
  let more = 0;
  for (const issue of sim.issues) {
    if (codeInfo(issue.code, catalog)?.kind !== 'hazard') continue;
    if (hazards.length < MAX_HAZARDS) hazards.push(issue);
    else more++;
  }
  return { outcome: sim.outcome, fault: sim.fault, hazards, moreHazards: more, cut: sim.issues.find((i) => i.code === 'DECODE_BUDGET') };
}

function explainConsumer(ctx: ChainContext, sim: SimSummary): ConsumerExplanation {
  const base = { profile: ctx.profile.name, outcome: sim.outcome, population: ctx.profile.population };
  const hazardPart = hazardsOf(ctx, sim);
  const fault = sim.fault;
  if (fault) {
    const { clause, chain } = faultChain(ctx, fault, sim.outcome === 'reject');
    return { ...base, fault: ref(ctx.catalog, fault), clause, chain, ...hazardPart };
  }
  if (sim.outcome === 'undecided' && sim.cut) return { ...base, clause: 'budget', chain: budgetChain(ctx, asFault(sim.cut)), ...hazardPart };
  return { ...base, chain: [], ...hazardPart };
}

/** The profile's warnings of kind hazard (latent: they do not crash today), each with its short chain. */
function hazardsOf(ctx: ChainContext, sim: SimSummary): { hazards: HazardExplanation[]; moreHazards: number } {
  const out = sim.hazards.map((issue): HazardExplanation => {
    const { clause, chain } = hazardChain(ctx, asFault(issue));
    return { ...ref(ctx.catalog, asFault(issue)), clause, chain };
  });
  return { hazards: out, moreHazards: sim.moreHazards };
}

function asFault(i: Issue): ConsumerFault {
  return { code: i.code, path: i.path, offset: i.offset, details: i.details ?? {} };
}

function ref(catalog: CodeCatalog, f: ConsumerFault): { code: string; path: string; offset: number; message: string } {
  return { code: f.code, path: formatPath(f.path), offset: f.offset, message: renderMessage(f.code, f.details, catalog) };
}

function summary(name: string | undefined, schema: FormatSchema, bytes: Uint8Array, report: FileReport): FileSummary {
  const errorCount = report.findings.filter((f) => f.severity === 'error').length;
  const errors = sum(report, 'error', errorCount);
  const warnings = sum(report, 'warning', report.findings.length - errorCount);
  const shown = byWeight(report.findings).slice(0, MAX_SUMMARY_FINDINGS);
  return {
    ...(name !== undefined ? { name } : {}), format: schema.format, size: bytes.length, verdict: report.verdict,
    errors, warnings,
    findings: shown.map((f) => ({
      code: f.code, severity: f.severity, path: f.path, offset: f.offset, message: f.message, ...(f.profile !== undefined ? { profile: f.profile } : {}),
    })),
    notShown: Math.max(0, errors + warnings - shown.length),
  };
}

/**
 * The findings a person must see first: a budget cut (the file was not read to its end, so what
 * follows is partial), then errors, then the rest, each group in file order. In file order alone
 * a DECODE_BUDGET late in a file with many findings fell past the cap and was never shown.
 */
function byWeight<T extends { readonly code: string; readonly severity: string }>(findings: readonly T[]): T[] {
  const weight = (f: T): number => (f.code === 'DECODE_BUDGET' ? 0 : f.severity === 'error' ? 1 : 2);
  return findings.map((f, i) => ({ f, i, w: weight(f) })).sort((a, b) => a.w - b.w || a.i - b.i).map((x) => x.f);
}

/** True counts: the report's totals count what the per-code cap left out. */
function sum(report: FileReport, severity: 'error' | 'warning', listed: number): number {
  const omitted = report.omitted ?? {};
  let extra = 0;
  for (const [code, n] of Object.entries(omitted)) if (report.findings.find((f) => f.code === code)?.severity === severity) extra += n;
  return listed + extra;
}
