/** Something asked of `inspect` that the file cannot answer (a path it has no node at, a byte past its end): one line. */
export class InspectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InspectError';
  }
}
