/** After the first Ctrl-C, shrinking may go on this long before the campaign saves what it has. */
export const SHRINK_GRACE_MS = 5000;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a campaign. None of them ever loses what was found: the
 * first stops the fuzzing (at the end of the current chunk of seed files or epoch; during
 * start-up, before the next saved reproducer) and lets shrinking run for at most
 * SHRINK_GRACE_MS; the second skips the rest of the shrinking (each bucket keeps its
 * smallest find); later ones are only acknowledged. The handlers stay installed until the
 * reproducers, the corpus and the report are written: `timeout -s INT` sends a second
 * SIGINT, which with the default handler would kill the process mid-save.
 */
export class Interrupts {
  private count = 0;
  private firstAt = 0;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.count++;
    if (this.count === 1) {
      this.firstAt = performance.now();
      this.say(`${signal === 'SIGINT' ? 'interrupted' : `got ${signal}`}: stopping, then saving the reproducers, the corpus and the report `
        + `(shrinking gets at most ${SHRINK_GRACE_MS / 1000} s more; Ctrl-C again to skip it)`);
    } else if (this.count === 2) this.say('interrupted again: skipping the rest of the shrinking; saving what was found');
    else this.say('interrupted again: still saving; it exits by itself once everything is written');
  };

  constructor(private readonly err: NodeJS.WritableStream = process.stderr) {}

  install(): this {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    return this;
  }

  uninstall(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  get stopRequested(): boolean {
    return this.count > 0;
  }

  /** Shrinking goes on while there was no signal, or one less than the grace period ago. */
  shrinkAllowed(): boolean {
    return this.count === 0 || (this.count === 1 && performance.now() - this.firstAt < SHRINK_GRACE_MS);
  }

  private say(text: string): void {
    this.err.write(`preflight: fuzz ${text}\n`);
  }
}
