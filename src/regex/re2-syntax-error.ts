import { patternCacheKey } from './cache-key.js';
import { counters, syntaxVerdicts } from './regex-caches.js';
import { quickRe2Verdict } from './re2-quick-verdict.js';
import { formatRe2Error } from './re2-reason.js';
import { compileWithRe2, RE2_COMPILE_BUDGET_MS } from './re2-worker-client.js';

/**
 * null when `pattern` compiles as RE2 syntax; else a short human reason (the RE2 error text,
 * trimmed, without the pattern echoed if it is long). Memoised; never throws.
 *
 * It fails closed: whenever no RE2 verdict can be had, the pattern is reported as invalid,
 * because an invalid pattern crashes the consumer while a rejected one only holds a release.
 * - RE2 still compiling after RE2_COMPILE_BUDGET_MS (pathological counted repetitions): invalid.
 * - RE2 exhausting its 16 MiB WASM heap (\pL{100}, patterns of ~100k characters): invalid.
 * - No RE2 at all (the worker cannot start): invalid, but not cached, so it is retried later.
 * Most patterns are decided by quickRe2Verdict, a linear-time scanner that models a subset of
 * RE2's parser exactly (differential-tested against RE2); the rest go to RE2 itself.
 * The check is RE2's own parser and compiler via re2-wasm's raw binding, so JavaScript-only
 * syntax that re2-wasm's RegExp-like class would translate (\u0041, \cA, (?<name>...)) is
 * reported as RE2 reports it.
 */
export function re2SyntaxError(pattern: string): string | null {
  const check = re2Check(pattern);
  return check.kind === 'valid' ? null : check.reason;
}

export type Re2Check =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly reason: string }
  /** Not decided: the caller's allowance ran out before RE2 did (not cached). */
  | { readonly kind: 'unchecked'; readonly reason: string };

/** Below this allowance an uncached pattern is not sent to RE2 at all. */
const MIN_ALLOWANCE_MS = 50;

/**
 * re2SyntaxError with an allowance: an RE2 compile blocks for at most `allowanceMs` (and at
 * most RE2_COMPILE_BUDGET_MS). A pattern that times out with the full budget is invalid (fail
 * closed, cached); one cut short by a smaller allowance is `unchecked`, and the caller reports
 * that work was cut short.
 */
export function re2Check(pattern: string, allowanceMs = RE2_COMPILE_BUDGET_MS): Re2Check {
  const verdict = syntaxVerdict(pattern, allowanceMs);
  if (verdict === UNCHECKED) return { kind: 'unchecked', reason: `RE2 was not given time to compile it (${Math.max(0, Math.round(allowanceMs))} ms left of the file's regex budget)` };
  return verdict === null ? { kind: 'valid' } : { kind: 'invalid', reason: verdict };
}

const UNCHECKED = Symbol('unchecked');

function syntaxVerdict(pattern: string, allowanceMs: number): string | null | typeof UNCHECKED {
  let key: string;
  try {
    key = patternCacheKey(String(pattern));
    const cached = syntaxVerdicts.get(key);
    if (cached !== undefined) {
      counters.syntaxHits += 1;
      return cached;
    }
  } catch (error) {
    return internalFailure(error);
  }
  counters.syntaxMisses += 1;
  try {
    const quick = quickRe2Verdict(String(pattern));
    if (quick !== undefined) {
      counters.quickVerdicts += 1;
      syntaxVerdicts.set(key, quick);
      return quick;
    }
    if (allowanceMs < MIN_ALLOWANCE_MS) return UNCHECKED;
    counters.re2Compiles += 1;
    const outcome = compileWithRe2(String(pattern), allowanceMs);
    if (outcome.kind === 'unavailable') return `RE2 check unavailable (${outcome.reason}); treat as invalid`;
    if (outcome.kind === 'timeout' && allowanceMs < RE2_COMPILE_BUDGET_MS) return UNCHECKED;
    const verdict = outcome.kind === 'valid'
      ? null
      : outcome.kind === 'invalid'
        ? formatRe2Error(outcome.reason)
        : `RE2 did not finish compiling it within ${RE2_COMPILE_BUDGET_MS / 1000} s; treat as invalid`;
    syntaxVerdicts.set(key, verdict);
    return verdict;
  } catch (error) {
    return internalFailure(error);
  }
}

function internalFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `RE2 check failed (${message.slice(0, 80)}); treat as invalid`;
}
