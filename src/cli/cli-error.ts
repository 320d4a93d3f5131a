/** A usage, I/O or input problem: printed as one clear line, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
