/**
 * `--shard K/N`: this machine runs the campaign's blocks of SHARD_BLOCK consecutive run indexes
 * whose block number b has b mod N = K-1. Whole blocks, because a havoc stage (one structured
 * input and the byte-level mutants of it) spans consecutive runs and is derived once per stage.
 */
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

/** Consecutive run indexes that stay on one shard: a multiple of the havoc stage length. */
export const SHARD_BLOCK = 32;

/** How many of a `total`-run campaign's runs fall in this shard. */
export function shardRuns(s: Shard, total: number): number {
  const round = SHARD_BLOCK * s.count;
  const full = Math.floor(total / round);
  const rest = total - full * round - s.index * SHARD_BLOCK;
  return full * SHARD_BLOCK + Math.max(0, Math.min(SHARD_BLOCK, rest));
}

/**
 * The global run index of this shard's j-th run. Inputs derive from the global index, so
 * the shards of a campaign run disjoint inputs, and together exactly the campaign's indexes.
 */
export function globalRun(s: Shard, j: number): number {
  const block = Math.floor(j / SHARD_BLOCK);
  return (block * s.count + s.index) * SHARD_BLOCK + (j - block * SHARD_BLOCK);
}
