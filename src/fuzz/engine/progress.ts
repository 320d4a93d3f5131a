import type { Progress } from './options.js';

const fmt = new Intl.NumberFormat('en-US');

export function progressLine(p: Progress, ofBranches: number): string {
  const secs = Math.floor(p.elapsedMs / 1000);
  const clock = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
  return `runs ${fmt.format(p.runs)}  ${fmt.format(Math.round(p.execsPerSec))} execs/s  buckets ${p.buckets}  `
    + `coverage ${p.branches}/${ofBranches} branches (${p.features} features)  corpus ${p.corpus}  ${clock}`;
}

/**
 * A live status line for a person at a terminal: redrawn in place with `\r`, at most ten
 * times a second. Nothing at all when the stream is not a TTY (CI logs, pipes).
 */
export class ProgressLine {
  private last = 0;
  private width = 0;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly ofBranches: number, private readonly enabled = stream.isTTY === true) {}

  update(p: Progress, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const line = progressLine(p, this.ofBranches);
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.width - line.length))}`);
    this.width = line.length;
  }

  /** Clears the line, so that what follows starts on a clean line. */
  end(): void {
    if (!this.enabled || this.width === 0) return;
    this.stream.write(`\r${' '.repeat(this.width)}\r`);
    this.width = 0;
  }
}
