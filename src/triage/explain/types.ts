import type { Outcome } from '../../consumer/outcome.js';
import type { Severity } from '../../findings/index.js';
import type { Verdict } from '../../report/model.js';

/** One fact of a chain: a sentence in the consumer's terms, and where in the file it is, when it is somewhere. */
export interface ChainStep {
  readonly text: string;
  /** Field path, formatted (`instances[5].criteria[20].op`). */
  readonly path?: string;
  /** Absolute byte offset of `path`. */
  readonly offset?: number;
}

/** Which declaration of the consumer model produced a fault: `inputs`, `refuse.rules[2]`, `dispatch[0]`, … */
export type ClauseName = string;

/** A fault, refusal or hazard of one profile, as the simulation reported it. */
export interface FaultRef {
  readonly code: string;
  readonly path: string;
  readonly offset: number;
  /** The finding's message, rendered with the format's catalogue. */
  readonly message: string;
}

/** A latent hazard of a consumer (a warning), with its short chain. */
export interface HazardExplanation extends FaultRef {
  readonly clause: ClauseName;
  readonly chain: readonly ChainStep[];
}

export interface ConsumerExplanation {
  readonly profile: string;
  readonly outcome: Outcome;
  readonly population: number;
  /** The first fault (crash), the refusal (reject); absent when the file loads or the run is undecided. */
  readonly fault?: FaultRef;
  /** The model clause the fault comes from (absent for a load). */
  readonly clause?: ClauseName;
  /** The facts that lead to the fault, in order; empty for a load. */
  readonly chain: readonly ChainStep[];
  /** Latent hazards on this consumer (at most MAX_HAZARDS; `moreHazards` counts the rest). */
  readonly hazards: readonly HazardExplanation[];
  readonly moreHazards: number;
}

/** The file's own verdict, as `validate` gives it, in short. */
export interface FileSummary {
  /** The file's name as the caller gave it (absent when none was given). */
  readonly name?: string;
  readonly format: string;
  readonly size: number;
  readonly verdict: Verdict;
  readonly errors: number;
  readonly warnings: number;
  /** At most MAX_SUMMARY_FINDINGS findings: a budget cut (DECODE_BUDGET) first, then errors, then warnings, each in file order. */
  readonly findings: ReadonlyArray<{ readonly code: string; readonly severity: Severity; readonly path: string; readonly offset: number; readonly profile?: string; readonly message: string }>;
  /** Findings of the file not in `findings` (true totals: those validate's per-code cap counted too). */
  readonly notShown: number;
}

export interface FileExplanation {
  readonly file: FileSummary;
  /** The consumer model's name; absent when the format has none (then `consumers` is empty). */
  readonly consumer?: string;
  readonly consumers: readonly ConsumerExplanation[];
}

/** What a finding code means, why it matters to a consumer, and how to fix the content. */
export interface CodeExplanation {
  readonly code: string;
  readonly severity: Severity;
  readonly kind: 'structure' | 'consumer' | 'hazard';
  /** built-in: preflight's own catalogue; schema or model: the format defines it. */
  readonly origin: 'built-in' | 'schema' | 'model';
  readonly title: string;
  readonly meaning: string;
  readonly whyItMatters: string;
  readonly fix: string;
}
