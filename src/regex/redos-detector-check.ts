import { isSafePattern, type RedosDetectorResult } from 'redos-detector';
import { counters } from './regex-caches.js';

export type DetectorOutcome =
  | { readonly kind: 'safe' }
  /** Its score went over DETECTOR_LIMITS.maxScore. */
  | { readonly kind: 'unsafe' }
  /** It ran out of time or steps before deciding. */
  | { readonly kind: 'inconclusive' }
  /** It threw, typically on syntax it does not support. */
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The detector explores match paths and can take seconds on some patterns, so it is bounded.
 * maxSteps is the working bound: steps, unlike time, give the same verdict on a loaded CI runner
 * as on a laptop, and a release gate must not change its answer with machine load; 500 lets it
 * prove ordinary patterns safe and \d+\d+$ or .*.*=.* unsafe in a few ms. timeout is only a far
 * backstop for patterns where the library does not consult its step count. maxScore: the library
 * default; a finite score below it is bounded ambiguity (\d{1,3}\d{1,3}), a constant factor.
 */
export const DETECTOR_LIMITS = { timeout: 2000, maxSteps: 500, maxScore: 200 } as const;

/**
 * Anchoring the pattern at the start makes the detector ignore the implicit leading `.*?` of
 * an unanchored search. Through it, every unanchored pattern whose loop can fail after it
 * (\s+$, \w+@) is quadratic in any backtracking engine; flagging all of them would block nearly
 * every release, so only hazards inside the pattern itself are reported.
 */
export function runRedosDetector(jsPattern: string): DetectorOutcome {
  counters.detectorRuns += 1;
  let result: RedosDetectorResult;
  try {
    result = isSafePattern(`^(?:${jsPattern})`, { ...DETECTOR_LIMITS, unicode: true, downgradePattern: false });
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  if (result.safe) return { kind: 'safe' };
  return result.error === 'hitMaxScore' ? { kind: 'unsafe' } : { kind: 'inconclusive' };
}
