/** A consumer model that cannot be used: names the file, the line, the column and the key at fault. */
export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${line > 0 ? `${file}:${line}:${column}` : file}: ${key === '' ? '' : `${key}: `}${problem}`);
  }
}
