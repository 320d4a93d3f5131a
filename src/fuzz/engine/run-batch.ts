import type { Executor } from './executor.js';
import type { RunReport } from './wire.js';

/** What a batch of runs sends back: the runs that matter one by one, the others as hit counts. */
export interface RunBatch {
  /** Runs with new coverage or an input the main thread may keep, in run-index order. */
  readonly reports: RunReport[];
  /** Hits of the other runs, by bucket key: all in buckets known at the start of the epoch. */
  readonly tally: [string, number][];
}

/**
 * Runs `rs` on an executor. Most runs only hit known buckets again; counting them instead of
 * reporting each keeps the messages between threads small (a byte flipper makes tens of
 * thousands of runs a second, nearly all crashes).
 */
export function runBatch(executor: Executor, rs: readonly number[], beforeRun?: (r: number, i: number) => void): RunBatch {
  const reports: RunReport[] = [];
  const tally = new Map<string, number>();
  for (let i = 0; i < rs.length; i++) {
    beforeRun?.(rs[i]!, i);
    const report = executor.run(rs[i]!);
    if (report === null) continue;
    if (report.input !== undefined || report.novel !== undefined) reports.push(report);
    else for (const h of report.hits ?? []) tally.set(h.key, (tally.get(h.key) ?? 0) + 1);
  }
  return { reports, tally: [...tally] };
}
