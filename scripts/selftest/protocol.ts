import type { InputKind } from './inputs.js';
import type { GeneratedSeeds } from './formats.js';
import type { SelftestCommand, Shares } from './targets.js';

/** Why an input failed. */
export type FailureReason = 'throw' | 'over time budget' | 'hang' | 'memory' | 'cli exit code' | 'cli internal error' | 'cli memory' | 'cli time';

export interface Failure {
  readonly index: number;
  readonly command: SelftestCommand;
  readonly format: string;
  readonly kind: InputKind | 'cli';
  readonly reason: FailureReason;
  readonly message: string;
  readonly how: string;
  readonly ms?: number;
  readonly bytes: Uint8Array;
  readonly old?: Uint8Array;
  readonly at?: number;
  readonly path?: string;
}

export interface WorkerSetup {
  readonly seed: number;
  readonly formats: readonly string[] | undefined;
  /** The commands each input goes through, in this order. */
  readonly commands: readonly SelftestCommand[];
  /** Commands that run on 1 input in N only (the long run's heavy ones). */
  readonly shares: Shares;
  /** Seed files of the formats that have no corpus, generated once by the main thread (seconds each). */
  readonly generated: GeneratedSeeds;
  readonly budgetMs: number;
  /** Float64Array over it: [input index in flight or -1, Date.now() when its command started, the command's index in `commands`]. */
  readonly watch: SharedArrayBuffer;
}

export type ToWorker = { readonly type: 'run'; readonly from: number; readonly to: number };

export interface ChunkStats {
  /** Inputs run (each through every command of the campaign). */
  readonly inputs: number;
  /** Runs by command and the time they took (ms); inputs by kind and by format; runs a command explained with one line. */
  readonly byCommand: Record<string, number>;
  readonly msByCommand: Record<string, number>;
  readonly byKind: Record<string, number>;
  readonly byFormat: Record<string, number>;
  readonly explained: number;
  readonly slowestMs: number;
  readonly slowest: string;
  readonly heapMb: number;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly heapMb: number }
  | { readonly type: 'failure'; readonly failure: Failure }
  | { readonly type: 'done'; readonly stats: ChunkStats }
  | { readonly type: 'error'; readonly message: string };
