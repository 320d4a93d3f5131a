import { createHash } from 'node:crypto';

/** Patterns up to this many UTF-16 units are (part of) their own cache key. */
const MAX_VERBATIM_KEY_LENGTH = 1024;

/**
 * The cache key for a pattern. Long patterns are keyed by a digest so that 4096 cached entries
 * cannot pin gigabytes of hostile input in memory. The one-letter prefixes keep the two key
 * spaces apart: otherwise a short pattern spelled like a digest key could poison the verdict of
 * the long pattern it names. The digest is over UTF-16 code units, not UTF-8, because UTF-8
 * encoding maps every lone surrogate to U+FFFD and would make distinct patterns collide.
 */
export function patternCacheKey(pattern: string): string {
  if (pattern.length <= MAX_VERBATIM_KEY_LENGTH) return `v${pattern}`;
  const digest = createHash('sha256').update(Buffer.from(pattern, 'utf16le')).digest('hex');
  return `h${digest}`;
}
