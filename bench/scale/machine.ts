/** The machine a run measured on, as bench/results.md records it. */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the run started and when it ended. */
  readonly loadBefore: number;
  loadAfter: number;
}

export function machine(): Machine {
  return {
    cpu: cpus()[0] ? `${cpus()[0]!.model.trim()}${cpus()[0]!.speed ? ` at ${cpus()[0]!.speed} MHz` : ''}` : 'unknown',
    cores: availableParallelism(),
    ramGiB: totalmem() / 2 ** 30,
    node: process.version,
    date: new Date().toISOString(),
    loadBefore: loadavg()[0]!,
    loadAfter: NaN,
  };
}

export const currentLoad = (): number => loadavg()[0]!;
