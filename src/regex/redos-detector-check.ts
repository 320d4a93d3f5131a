import { counters } from './regex-caches.js';
import { detectInWorker } from './redos-worker-client.js';

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
 * maxSteps is meant as the working bound (steps, unlike time, give the same verdict on a loaded
 * CI runner as on a laptop) and lets it prove ordinary patterns safe and \d+\d+$ or .*.*=.*
 * unsafe in a few ms; but on nested quantifiers each step is costly and 500 steps take about a
 * second, so `timeout` bounds those (an overrun is "inconclusive" either way, the same verdict).
 * maxScore: the library default; a finite score below it is bounded ambiguity (\d{1,3}\d{1,3}).
 */
export const DETECTOR_LIMITS = { timeout: 500, maxSteps: 500, maxScore: 200 } as const;

/** How long the caller waits for the worker beyond the detector's own timeout (start-up, set-up). */
const WAIT_MARGIN_MS = 1000;

/**
 * Anchoring the pattern at the start makes the detector ignore the implicit leading `.*?` of
 * an unanchored search. Through it, every unanchored pattern whose loop can fail after it
 * (\s+$, \w+@) is quadratic in any backtracking engine; flagging all of them would block nearly
 * every release, so only hazards inside the pattern itself are reported. Runs in a worker
 * (redos-worker-client.ts), bounded in time and memory.
 */
export function runRedosDetector(jsPattern: string): DetectorOutcome {
  counters.detectorRuns += 1;
  return detectInWorker(`^(?:${jsPattern})`, { ...DETECTOR_LIMITS, unicode: true, downgradePattern: false }, DETECTOR_LIMITS.timeout + WAIT_MARGIN_MS);
}

/** The longest a runRedosDetector call blocks. */
export const DETECTOR_MAX_WAIT_MS = DETECTOR_LIMITS.timeout + WAIT_MARGIN_MS;
