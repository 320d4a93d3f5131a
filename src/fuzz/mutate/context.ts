import type { FormatSchema } from '../../schema/index.js';
import type { EdgeHints } from '../generate/index.js';
import type { FuzzInput } from '../input.js';

export interface MutationContext {
  readonly schema: FormatSchema;
  readonly hints: EdgeHints;
  /** other inputs to splice from */
  readonly donors: readonly FuzzInput[];
  /**
   * Share of calls that try a field-level mutation first (default 0.7). Field-level mutations
   * re-encode (0.1-0.7 ms for a CCF file of 0.4-1 KB); raw ones cost about 2 µs.
   */
  readonly fieldShare?: number;
}
