import { patternCacheKey } from './cache-key.js';
import { counters, redosVerdicts } from './regex-caches.js';
import { DETECTOR_MAX_WAIT_MS, runRedosDetector } from './redos-detector-check.js';
import { parseRe2 } from './re2-parser.js';
import { toJsPattern } from './to-js-pattern.js';

/**
 * Longer patterns skip redos-detector and get only the linear structural analysis: the
 * detector's cost grows with pattern size before its own timeout is consulted (a 4000-character
 * literal already takes ~90 ms), and 4096 is far beyond any pattern a content file needs.
 */
export const MAX_DETECTOR_PATTERN_LENGTH = 4096;

/**
 * Deeper-nested patterns skip redos-detector too: its cost is super-linear in nesting and it
 * ignores its step bound there (15 nested (...)+ levels: ~80 MB and seconds per call). Depth
 * counts groups and quantifiers, so 12 is ~5 nested (...)+ levels; a pattern nested deeper with
 * a structural hazard could not be proven safe, and is reported as such.
 */
export const MAX_DETECTOR_DEPTH = 12;

export const BUDGET_EXCEEDED = 'analysis exceeded its budget; treat as unsafe';

/**
 * null when the pattern's worst-case backtracking match time is linear; else a short human
 * reason. Memoised; never throws. Only meaningful for patterns re2SyntaxError accepted, though
 * any string is analysed without harm. The pattern is never executed.
 *
 * Verdicts, and why. A false positive blocks a release; a false negative lets a consumer stall.
 * The structural rules (structural-rules.ts) propose hazards and redos-detector may veto them:
 * - structural rules find nothing: null, without running the detector. Its own positives were
 *   false in every case examined: it scores paths, not time, and objects to loops separated by
 *   a delimiter the second loop cannot consume (^[\w.-]+@[\w.-]+\.\w+$, ^(\w+\.)*\w+$,
 *   ^[a-z]+(?:_[a-z]+)*_[a-z]+$), where each split dies at the next delimiter and matching is
 *   linear; content patterns look like this all the time.
 * - the detector proves the pattern safe: null; the structural rules are coarse (approximate
 *   classes, no path exploration), e.g. (ab|a)*c or (a+b+)+c.
 * - the detector proves a score above its maximum: the structural reason.
 * - the detector runs out of budget: the structural reason behind BUDGET_EXCEEDED. The overrun
 *   proves nothing by itself, but the structural hazard stands unless disproved.
 * - the detector cannot run (unsupported syntax, or the length and depth bounds above): the
 *   structural reason.
 * The detector is bounded by steps, not time (see DETECTOR_LIMITS), so the verdict and its
 * wording are the same on a loaded CI runner as on a laptop.
 */
export function redosHazard(pattern: string, allowanceMs = Number.POSITIVE_INFINITY): string | null {
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
    const { verdict, final } = analyse(String(pattern), allowanceMs);
    // A verdict given for want of time is not the pattern's: a later call with time may clear it.
    if (final) redosVerdicts.set(key, verdict);
    return verdict;
  } catch (error) {
    // Not cached: a stack overflow or similar may not recur, and failing closed costs a release.
    return internalFailure(error);
  }
}

/**
 * `final` is false when the verdict came from a lack of time (allowanceMs below what a detector
 * call may take): the structural hazard stands, as when the detector is inconclusive.
 */
function analyse(pattern: string, allowanceMs: number): { verdict: string | null; final: boolean } {
  const parsed = parseRe2(pattern);
  const structural = parsed.root.summary.hazard;
  if (structural === null) return { verdict: null, final: true };
  if (pattern.length > MAX_DETECTOR_PATTERN_LENGTH) return { verdict: structural, final: true };
  if (parsed.root.summary.depth > MAX_DETECTOR_DEPTH) {
    return { verdict: `could not be proven safe (nested ${parsed.root.summary.depth} groups and quantifiers deep, over the ${MAX_DETECTOR_DEPTH} the detector analyses): ${structural}`, final: true };
  }
  if (allowanceMs < DETECTOR_MAX_WAIT_MS) return { verdict: `${BUDGET_EXCEEDED}: ${structural}`, final: false };
  const outcome = runRedosDetector(toJsPattern(parsed.root));
  switch (outcome.kind) {
    case 'safe':
      return { verdict: null, final: true };
    case 'unsafe':
    case 'failed':
      return { verdict: structural, final: true };
    case 'inconclusive':
      return { verdict: `${BUDGET_EXCEEDED}: ${structural}`, final: true };
  }
}

function internalFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `ReDoS analysis failed (${message.slice(0, 80)}); treat as unsafe`;
}
