import type { FormatSchema } from '../../../schema/index.js';

/** Largest count the encoder is asked to build a derived array for (CCF's instance_count range). */
export const MAX_DERIVED_COUNT = 0xffff;

/**
 * The encoder builds a derived array (CCF's instance index) with as many entries as its
 * count says, even when the count is pinned to 2^32-1: seconds of work and gigabytes. A
 * value that pins such a count above MAX_DERIVED_COUNT is not encoded (raw mutations still
 * write any count into the bytes, which costs nothing).
 */
export class CountGuard {
  private readonly names: ReadonlySet<string>;

  constructor(schema: FormatSchema) {
    const names = new Set<string>();
    for (const t of schema.types.values()) {
      for (const f of t.fields) {
        if (f.repeat === undefined || f.derive === undefined) continue;
        const last = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(f.repeat.source)?.[1];
        if (last !== undefined) names.add(last);
      }
    }
    this.names = names;
  }

  hostile(value: unknown, depth = 0): boolean {
    if (this.names.size === 0 || depth > 8 || typeof value !== 'object' || value === null || value instanceof Uint8Array) return false;
    if (Array.isArray(value)) return value.some((v) => this.hostile(v, depth + 1));
    for (const [k, v] of Object.entries(value)) {
      if (this.names.has(k) && (typeof v === 'number' || typeof v === 'bigint') && v > MAX_DERIVED_COUNT) return true;
      if (typeof v === 'object' && this.hostile(v, depth + 1)) return true;
    }
    return false;
  }
}
