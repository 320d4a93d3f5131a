/** `--shard K/N`: this machine runs the campaign's run indexes r with r mod N = K-1. */
export interface Shard {
  /** 0-based (K-1). */
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 0, count: 1 };

/** Parses `K/N` (1 ≤ K ≤ N); undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) return undefined;
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n < 1 || k < 1 || k > n) return undefined;
  return { index: k - 1, count: n };
}

export function formatShard(s: Shard): string {
  return `${s.index + 1}/${s.count}`;
}

/** How many of a `total`-run campaign's runs fall in this shard. */
export function shardRuns(s: Shard, total: number): number {
  return total <= s.index ? 0 : Math.floor((total - 1 - s.index) / s.count) + 1;
}

/**
 * The global run index of this shard's j-th run. Inputs derive from the global index, so
 * the shards of a campaign run disjoint inputs, and together exactly the campaign's indexes.
 */
export function globalRun(s: Shard, j: number): number {
  return s.index + s.count * j;
}
