/** A baseline file that cannot be used: names the file, the line and the key (exit 2). */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';

  constructor(readonly file: string, readonly line: number, readonly column: number, readonly key: string, readonly problem: string) {
    const where = line > 0 ? `${file}:${line}:${column}` : file;
    super(key !== '' ? `${where}: ${key}: ${problem}` : `${where}: ${problem}`);
  }
}
