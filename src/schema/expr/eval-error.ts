/** What the expression language throws: the message is a reason, the caller adds where. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'a struct' : `${typeof v} ${String(v)}`;
}
