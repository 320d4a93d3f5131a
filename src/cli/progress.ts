/** Where progress goes: stderr, or a fake in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Milliseconds between lines when the stream is not a terminal (a CI log). */
  readonly logEveryMs?: number;
  /** Milliseconds between redraws on a terminal. */
  readonly redrawEveryMs?: number;
  readonly now?: () => number;
}

/**
 * Progress of a run over many files, on stderr only (stdout carries the report). On a terminal,
 * one line redrawn in place; elsewhere (a CI log), a plain line every few seconds, so a long
 * run shows it is alive without flooding the log.
 */
export class FileProgress {
  private readonly tty: boolean;
  private readonly logEveryMs: number;
  private readonly redrawEveryMs: number;
  private readonly now: () => number;
  private readonly started: number;
  private lastShown: number;
  private drawn = 0;

  constructor(private readonly stream: ProgressStream, private readonly total: number, options: ProgressOptions = {}) {
    this.tty = stream.isTTY === true;
    this.logEveryMs = options.logEveryMs ?? 5000;
    this.redrawEveryMs = options.redrawEveryMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastShown = this.started;
  }

  /** Called before each file: `done` files are finished, `current` is the next one. */
  update(done: number, current: string): void {
    const t = this.now();
    if (t - this.lastShown < (this.tty ? this.redrawEveryMs : this.logEveryMs)) return;
    this.lastShown = t;
    const line = this.line(done, t, current);
    if (this.tty) this.redraw(line);
    else this.stream.write(`preflight: ${line}\n`);
  }

  /** Clears the terminal line so the report (or an error) starts on a clean line. */
  end(): void {
    if (this.tty && this.drawn > 0) this.stream.write(`\r${' '.repeat(this.drawn)}\r`);
    this.drawn = 0;
  }

  private line(done: number, t: number, current: string): string {
    const pct = this.total > 0 ? Math.floor((done / this.total) * 100) : 100;
    const secs = Math.floor((t - this.started) / 1000);
    const clock = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    return `validated ${done} of ${this.total} files (${pct}%), ${clock}; now ${visible(current)}`;
  }

  private redraw(line: string): void {
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const fitted = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    this.stream.write(`\r${fitted}${' '.repeat(Math.max(0, this.drawn - fitted.length))}`);
    this.drawn = fitted.length;
  }
}

/** A file name can hold control characters: never let one drive the terminal. */
function visible(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
