import { BoundedLru } from './bounded-lru.js';

/**
 * Both checks are memoised because a fuzzer calls them tens of thousands of times a second on
 * mostly repeated patterns, while a cache miss costs an RE2 compile in a worker (~0.3 ms) or a
 * redos-detector run (up to its 50 ms budget). 4096 entries hold every distinct pattern of any
 * realistic content file; keys are bounded in size by patternCacheKey.
 */
export const CACHE_CAPACITY = 4096;

/** Verdicts by cache key: null means valid / no hazard. */
export const syntaxVerdicts = new BoundedLru<string, string | null>(CACHE_CAPACITY);
export const redosVerdicts = new BoundedLru<string, string | null>(CACHE_CAPACITY);

export const counters = {
  syntaxHits: 0,
  syntaxMisses: 0,
  redosHits: 0,
  redosMisses: 0,
  /** Cache misses decided by the linear-time scanner (re2-quick-verdict.ts), without RE2. */
  quickVerdicts: 0,
  /** RE2 compiles actually run (cache misses that reached the engine). */
  re2Compiles: 0,
  /** Times RE2 exhausted its WASM heap and was replaced by a fresh instance. */
  re2HeapResets: 0,
  /** redos-detector runs: at most one per distinct pattern while it stays cached. */
  detectorRuns: 0,
};

export interface RegexCacheStats {
  readonly syntax: { readonly hits: number; readonly misses: number; readonly size: number };
  readonly redos: { readonly hits: number; readonly misses: number; readonly size: number };
  readonly quickVerdicts: number;
  readonly re2Compiles: number;
  readonly re2HeapResets: number;
  readonly detectorRuns: number;
}

/** A snapshot of the memoisation counters, for tests and fuzzer throughput reports. */
export function regexCacheStats(): RegexCacheStats {
  return {
    syntax: { hits: counters.syntaxHits, misses: counters.syntaxMisses, size: syntaxVerdicts.size },
    redos: { hits: counters.redosHits, misses: counters.redosMisses, size: redosVerdicts.size },
    quickVerdicts: counters.quickVerdicts,
    re2Compiles: counters.re2Compiles,
    re2HeapResets: counters.re2HeapResets,
    detectorRuns: counters.detectorRuns,
  };
}
