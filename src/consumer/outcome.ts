import type { FieldPath, FindingCode, Issue } from '../findings/index.js';

/**
 * What one deployed consumer does with a file: refuses it (its own checks), crashes (the first
 * fault), or loads it. Generic: any consumer model's simulation produces these. `undecided`: a
 * work budget cut the run short before a fault (a DECODE_BUDGET finding says which and where),
 * so whether it loads is not known, and the run is never counted as a load.
 */
export type Outcome = 'reject' | 'crash' | 'load' | 'undecided';

export interface ConsumerFault {
  /** For a crash, the fault's code; for a refusal, why the consumer refused. Built-in or the model's own. */
  readonly code: FindingCode;
  readonly path: FieldPath;
  readonly offset: number;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface SimulationResult {
  readonly profile: string;
  readonly outcome: Outcome;
  /** First fault (crash) or refusal reason (reject); null when the file loads or the run is undecided. */
  readonly fault: ConsumerFault | null;
  /** The fault itself (as an Issue with `profile` set), then the other issues and latent hazards of this profile. */
  readonly issues: readonly Issue[];
}

/** Receives one call per decision a simulated consumer takes (fuzzer coverage). Keep `hit` cheap: it runs in hot loops. */
export interface CoverageSink {
  hit(branch: number): void;
}
