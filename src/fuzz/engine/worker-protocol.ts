import type { ConsumerProfile } from '../../consumer/index.js';
import type { ExecutorConfig } from './executor.js';
import type { ShrinkJob, ShrinkResult } from './shrink.js';
import type { RunBatch } from './run-batch.js';
import type { EpochSync } from './wire.js';

/** What a worker needs to build its executor: profiles clone as data, the schema loads from its file. */
export interface WorkerSetup {
  readonly schemaFile: string;
  readonly fleet: readonly ConsumerProfile[];
  readonly config: ExecutorConfig;
  /** The full campaign state so far. */
  readonly state: EpochSync;
  /** Int32Array[1]: 1 + the run index being executed, 0 when idle (the hang watchdog reads it). */
  readonly watch: SharedArrayBuffer;
}

export type ToWorker =
  | { readonly type: 'sync'; readonly sync: EpochSync }
  | { readonly type: 'runs'; readonly id: number; readonly rs: readonly number[] }
  | { readonly type: 'shrink'; readonly id: number; readonly job: ShrinkJob };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'runs'; readonly id: number; readonly batch: RunBatch }
  | { readonly type: 'shrink'; readonly id: number; readonly result: ShrinkResult }
  | { readonly type: 'error'; readonly message: string };
