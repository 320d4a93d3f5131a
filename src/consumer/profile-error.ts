/** Any problem with a profile or a fleet folder: names the file, the line and the key. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  /** The profile file (or folder, for fleet-level errors). */
  readonly file: string;
  /** 1-based; 0 when the problem has no position (unreadable file, empty folder). */
  readonly line: number;
  /** 1-based; 0 when the problem has no position. */
  readonly column: number;
  /** Dotted key path such as `templates.1.inputs[3]`; '' for the whole file. */
  readonly key: string;
  /** The problem alone, without the location prefix. */
  readonly problem: string;

  constructor(file: string, line: number, column: number, key: string, problem: string) {
    const where = line > 0 ? `${file}:${line}:${column}` : file;
    super(key !== '' ? `${where}: ${key}: ${problem}` : `${where}: ${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
    this.problem = problem;
  }
}
