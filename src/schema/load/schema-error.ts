/** A schema file that cannot be used: names the file, the line and the key at fault. */
export class SchemaError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${key === '' ? '' : `${key}: `}${reason}`);
    this.name = 'SchemaError';
  }
}
