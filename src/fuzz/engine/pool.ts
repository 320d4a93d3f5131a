import type { Executor } from './executor.js';
import { shrinkReproducer, type ShrinkJob, type ShrinkResult } from './shrink.js';
import { runBatch, type RunBatch } from './run-batch.js';
import type { EpochSync } from './wire.js';

/** Where the runs of an epoch execute: in-process, or on worker threads. */
export interface RunPool {
  readonly workers: number;
  /**
   * Runs the indexes; returns the reports of the runs that matter, in run-index order, and
   * the hit counts of the others. `onRuns` hears how many have run so far (progress line).
   */
  runAll(rs: readonly number[], onRuns?: (done: number) => void): Promise<RunBatch>;
  /** The main executor has applied `sync`; bring the other replicas up to date. */
  sync(sync: EpochSync): void;
  /** Shrinks the jobs in order; jobs not started while `keepGoing()` holds are left out (undefined). */
  shrinkAll(jobs: readonly ShrinkJob[], keepGoing?: () => boolean): Promise<(ShrinkResult | undefined)[]>;
  close(): Promise<void>;
}

/** `--workers 1`: everything on the main thread, through the main executor. */
export class InProcessPool implements RunPool {
  readonly workers = 1;

  constructor(private readonly executor: Executor) {}

  async runAll(rs: readonly number[], onRuns?: (done: number) => void): Promise<RunBatch> {
    return runBatch(this.executor, rs, (_, i) => {
      if (i > 0 && (i & 63) === 0) onRuns?.(i);
    });
  }

  sync(): void {
    // The main executor is the only replica.
  }

  async shrinkAll(jobs: readonly ShrinkJob[], keepGoing: () => boolean = () => true): Promise<(ShrinkResult | undefined)[]> {
    const out: (ShrinkResult | undefined)[] = [];
    for (const job of jobs) {
      // Between jobs, let signals in: a second Ctrl-C cuts shrinking short (see the fuzz command).
      await new Promise((resolve) => setImmediate(resolve));
      out.push(keepGoing() ? shrinkReproducer(job, this.executor) : undefined);
    }
    return out;
  }

  async close(): Promise<void> {
    // Nothing to stop.
  }
}
