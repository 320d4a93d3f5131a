import { patternCacheKey } from './cache-key.js';
import { counters, redosVerdicts } from './regex-caches.js';
import { runRedosDetector } from './redos-detector-check.js';
import { parseRe2 } from './re2-parser.js';
import { toJsPattern } from './to-js-pattern.js';

/**
 * Longer patterns skip redos-detector and get only the linear structural analysis: the
 * detector's cost grows with pattern size before its own timeout is consulted (a 4000-character
 * literal already takes ~90 ms), and 4096 is far beyond any pattern a content file needs.
 */
export const MAX_DETECTOR_PATTERN_LENGTH = 4096;

/**
 * Deeper-nested patterns skip redos-detector too: its set-up is super-linear in nesting and
 * ignores the timeout (160 nested quantified groups take 0.3 s, 1000 take 25 s and then
 * overflow the stack). Depth counts groups and quantifiers, so 48 is ~16 nested (...)+ levels.
 */
export const MAX_DETECTOR_DEPTH = 48;

export const BUDGET_EXCEEDED = 'analysis exceeded its budget; treat as unsafe';

/**
 * null when the pattern's worst-case backtracking match time is linear; else a short human
 * reason. Memoised; never throws. Only meaningful for patterns re2SyntaxError accepted, though
 * any string is analysed without harm. The pattern is never executed.
 *
 * Verdicts, and why. A false positive blocks a release; a false negative lets a consumer stall.
 * - redos-detector proves the pattern safe: null, whatever the structural rules suspect; they
 *   are coarse (approximate classes, no path exploration) and would block releases needlessly.
 * - it proves a score above its maximum: a hazard only if the structural rules agree. The
 *   detector scores paths, not time, and over-reports loops separated by a delimiter the second
 *   loop cannot consume (^[\w.-]+@[\w.-]+\.\w+$, ^(\w+\.)*\w+$, ^[a-z]+(?:_[a-z]+)*_[a-z]+$):
 *   each split dies at the next delimiter, so the match is linear, but common content patterns
 *   look like this. Every super-linear pattern in the test tables is caught by both.
 * - it runs out of budget: a hazard only if the structural rules find one, reported as a budget
 *   overrun; an overrun alone proves nothing about the pattern, and blocking a release on the
 *   detector's speed would make the verdict depend on the machine.
 * - it cannot run (unsupported syntax, or the length/depth bounds above): the structural rules.
 */
export function redosHazard(pattern: string): string | null {
  let key: string;
  try {
    key = patternCacheKey(String(pattern));
    const cached = redosVerdicts.get(key);
    if (cached !== undefined) {
      counters.redosHits += 1;
      return cached;
    }
  } catch (error) {
    return internalFailure(error);
  }
  counters.redosMisses += 1;
  try {
    const verdict = analyse(String(pattern));
    redosVerdicts.set(key, verdict);
    return verdict;
  } catch (error) {
    // Not cached: a stack overflow or similar may not recur, and failing closed costs a release.
    return internalFailure(error);
  }
}

function analyse(pattern: string): string | null {
  const parsed = parseRe2(pattern);
  const structural = parsed.root.summary.hazard;
  if (pattern.length > MAX_DETECTOR_PATTERN_LENGTH || parsed.root.summary.depth > MAX_DETECTOR_DEPTH) return structural;
  const outcome = runRedosDetector(toJsPattern(parsed.root));
  switch (outcome.kind) {
    case 'safe':
      return null;
    case 'unsafe':
      return structural;
    case 'inconclusive':
      return structural === null ? null : `${BUDGET_EXCEEDED}: ${structural}`;
    case 'failed':
      return structural;
  }
}

function internalFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `ReDoS analysis failed (${message.slice(0, 80)}); treat as unsafe`;
}
