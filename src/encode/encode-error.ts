import { formatPath, type FieldPath } from '../findings/path.js';

/** Every encoder problem: names the field path (and, for sources, the file and line). */
export class EncodeError extends Error {
  constructor(
    readonly reason: string,
    readonly path: FieldPath,
    readonly source?: string,
    readonly line?: number,
  ) {
    super(EncodeError.render(reason, path, source, line));
    this.name = 'EncodeError';
  }

  /** The same error, located in a source file. */
  at(source: string, line: number | undefined): EncodeError {
    return new EncodeError(this.reason, this.path, source, line);
  }

  private static render(reason: string, path: FieldPath, source?: string, line?: number): string {
    const where = source === undefined ? '' : line === undefined ? `${source}: ` : `${source}:${line}: `;
    return `${where}${path.length ? formatPath(path) : '(file)'}: ${reason}`;
  }
}
