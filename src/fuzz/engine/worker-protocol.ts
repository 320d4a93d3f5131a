import type { ModelProfile } from '../../model/index.js';
import type { ExecutorConfig } from './executor.js';
import type { ShrinkJob, ShrinkResult } from './shrink.js';
import type { RunBatch } from './run-batch.js';
import type { CarriedInput, EpochSync } from './wire.js';

/** What a worker needs to build its executor: profiles clone as data, the schema and model load from their files. */
export interface WorkerSetup {
  readonly schemaFile: string;
  readonly modelFile: string;
  readonly fleet: readonly ModelProfile[];
  readonly config: ExecutorConfig;
  /** The seed files, run as negative run indexes. */
  readonly seeds: readonly CarriedInput[];
  /** The full campaign state so far. */
  readonly state: EpochSync;
  /** Int32Array[1]: watchValue(run index being executed), 0 when idle (the hang watchdog reads it). */
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

/** The watch word for run r: never 0 (idle), seeds' negative indexes included. */
export const watchValue = (r: number): number => (r >= 0 ? r + 1 : r);

/** The run index a non-zero watch word stands for. */
export const watchedRun = (v: number): number => (v > 0 ? v - 1 : v);
