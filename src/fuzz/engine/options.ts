import { availableParallelism } from 'node:os';
import type { ModelProfile } from '../../model/index.js';
import type { Bucket, CampaignState } from './campaign-state.js';
import type { Strategy } from './derive-input.js';
import type { ExecutorConfig } from './executor.js';
import type { SeedFile } from './seeds.js';
import { WHOLE, type Shard } from './shard.js';
import type { ExecSetup } from '../../exec/runner.js';

export interface Progress {
  readonly runs: number;
  readonly elapsedMs: number;
  readonly execsPerSec: number;
  readonly buckets: number;
  readonly branches: number;
  readonly features: number;
  readonly corpus: number;
}

export interface CampaignOptions {
  readonly schemaFile: string;
  /** The consumer model beside the schema (workers load both from their files). */
  readonly modelFile: string;
  readonly fleet: readonly ModelProfile[];
  readonly seed: number;
  /** Runs of the whole campaign (all shards together); unbounded when absent (then give timeMs). */
  readonly runs?: number;
  readonly timeMs?: number;
  readonly seeds?: readonly SeedFile[];
  readonly workers?: number;
  readonly shard?: Shard;
  readonly strategy?: Strategy;
  /** Runs per epoch. Fixed, and independent of the worker count: that is what makes results independent of it. */
  readonly batchSize?: number;
  readonly budgetMs?: number;
  readonly hangMs?: number;
  readonly validateEvery?: number;
  readonly roundTripEvery?: number;
  readonly generateShare?: number;
  readonly fieldShare?: number;
  /** Runs per havoc stage (see DeriveOptions.havoc). */
  readonly havoc?: number;
  readonly fleetHints?: boolean;
  readonly maxArray?: number;
  readonly maxString?: number;
  /** Shrink reproducers at the end (default true). */
  readonly shrink?: boolean;
  /**
   * Wall-clock cap on shrinking (ms); buckets not reached keep their smallest find. For
   * time-boxed campaigns only: a cap makes results depend on timing. Default: none.
   */
  readonly shrinkMs?: number;
  readonly onProgress?: (p: Progress) => void;
  readonly onNewBuckets?: (buckets: readonly Bucket[]) => void;
  /**
   * Checked between chunks of seed files and before every epoch: stop early (the benchmark stops
   * once every class is found; the CLI on Ctrl-C).
   */
  readonly stopWhen?: (state: CampaignState) => boolean;
  /** Checked before each bucket's shrinking: false leaves the rest unshrunk (their smallest find is kept). */
  readonly shrinkWhile?: () => boolean;
  /** --exec: run the real consumer on every input too (docs/real-consumers.md). */
  readonly exec?: ExecSetup;
}

export const DEFAULT_BATCH = 512;
export const DEFAULT_BUDGET_MS = 250;

export function executorConfig(o: CampaignOptions): ExecutorConfig {
  const strategy = o.strategy ?? 'mixed';
  return {
    seed: o.seed >>> 0,
    strategy,
    feedback: strategy !== 'flip',
    budgetMs: o.budgetMs ?? DEFAULT_BUDGET_MS,
    // A multiple of the stage length, so the sampled runs are structured inputs, not byte-level mutants.
    validateEvery: o.validateEvery ?? 128,
    roundTripEvery: o.roundTripEvery ?? 4,
    generateShare: o.generateShare ?? 0.5,
    // A stage's structured input is mostly field-level: its byte-level mutants follow anyway.
    fieldShare: o.fieldShare ?? 0.85,
    ...(o.havoc !== undefined ? { havoc: o.havoc } : {}),
    ...(o.fleetHints !== undefined ? { fleetHints: o.fleetHints } : {}),
    ...(o.maxArray !== undefined ? { maxArray: o.maxArray } : {}),
    ...(o.maxString !== undefined ? { maxString: o.maxString } : {}),
    ...(o.exec !== undefined ? { exec: o.exec } : {}),
  };
}

export function resolvedShard(o: CampaignOptions): Shard {
  return o.shard ?? WHOLE;
}

export function resolvedWorkers(o: CampaignOptions): number {
  return Math.max(1, Math.floor(o.workers ?? availableParallelism()));
}
