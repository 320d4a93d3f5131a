import type { CrashCode, FieldPath, FindingCode, Issue } from '../findings/index.js';

/** Spec section 3: what one deployed consumer does with a file. */
export type Outcome = 'reject' | 'crash' | 'load';

export interface ConsumerFault {
  /** For a crash, one of the crash classes; for a refusal, why it refused. */
  readonly code: CrashCode | Extract<FindingCode, 'TRUNCATED' | 'BAD_MAGIC' | 'BAD_VERSION' | 'LIMIT_EXCEEDED'>;
  readonly path: FieldPath;
  readonly offset: number;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface SimulationResult {
  readonly profile: string;
  readonly outcome: Outcome;
  /** First fault (crash) or refusal reason (reject); null when the file loads. */
  readonly fault: ConsumerFault | null;
  /** Latent hazards (warnings) for this profile; also the fault itself, as an Issue with `profile` set. */
  readonly issues: readonly Issue[];
}
