import { WorkBudget, type BudgetLimits } from '../../budget/work-budget.js';
import type { FormatSchema } from '../../schema/index.js';
import { decode, type Decoded } from './decode.js';

/** A decode to read from, and what to call when done with it. */
export interface LentDecode {
  readonly decoded: Decoded;
  /** Empties a decode of our own (Decoded.release); leaves a lent one to the caller that lent it. */
  readonly done: () => void;
}

/**
 * The one rule for who empties a decode: the caller's decode of `bytes` when it lends one (made
 * with the same schema and the file's budget: it keeps and releases it), else a decode of our own
 * with `limits`, which `done` releases.
 */
export function lentOrOwnDecode(schema: FormatSchema, bytes: Uint8Array, limits: BudgetLimits | undefined, lent: Decoded | undefined): LentDecode {
  if (lent !== undefined) return { decoded: lent, done: () => undefined };
  const decoded = decode(schema, bytes, { budget: new WorkBudget(bytes.length, limits) });
  return { decoded, done: () => decoded.release?.() };
}
