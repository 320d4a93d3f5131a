import { type CharSet, isEmptySet, isSubsetOf, setsIntersect } from './char-set.js';
import type { Span } from './regex-ast.js';
import { quotePattern } from './quote-pattern.js';

/**
 * The structural ReDoS rules: linear-time, they propose every hazard redosHazard reports (and
 * redos-detector may then disprove one). A backtracking engine goes super-linear when one text
 * can be matched in many ways AND something after it can fail, forcing every way to be tried:
 *  A. a repeated body holding a variable-length loop that overlaps what follows it, inside the
 *     body or at the start of the next iteration: (a+)+, (\w+\s?)+, (.*,){11}, (?:a{1,5})+;
 *  B. a repeated alternation whose branches can start with the same character: (a|aa)+;
 *  C. two unbounded loops in sequence that can trade characters, with anything between them
 *     absorbable by both, before something that can fail: \d+\d+$, .*.*=, a.*b.*c;
 *  D. a long bounded repetition of an optional body: (a?){30}.
 * Class sets are approximations that only ever widen (see char-set.ts, re2-named-classes.ts).
 */

/** An unbounded loop: over one character class (x*, [ab]+) or over a group ((?:ab)*). */
export interface LoopRef {
  /** For a class loop, its class; for a group loop, every character one iteration can hold. */
  readonly chars: CharSet;
  readonly overClass: boolean;
  readonly span: Span;
}

/** A loop seen earlier in a sequence, with the text since then (all of which it could also consume). */
export interface OpenLoop extends LoopRef {
  readonly gap: CharSet;
}

/** What rules A, B and D need to know about the body of a repetition. */
export interface RepeatedBody {
  readonly nullable: boolean;
  readonly first: CharSet;
  readonly loopChars: CharSet;
  readonly tailLoopChars: CharSet;
  readonly loopMeetsOverlap: boolean;
  readonly branchesOverlap: boolean;
}

/** Bounded repetitions of an optional body this long have C(n, k) ways to match k characters. */
const MIN_RISKY_OPTIONAL_COUNT = 10;

/** Rules A, B and D for `body` repeated up to `max` times; `quote` gives the repetition's text. */
export function repetitionHazard(body: RepeatedBody, max: number, quote: () => string): string | null {
  if (max <= 1) return null;
  const innerLoopCanSplit = !isEmptySet(body.loopChars) && (body.loopMeetsOverlap || setsIntersect(body.tailLoopChars, body.first));
  const optionalCountIsRisky = max !== Infinity && max >= MIN_RISKY_OPTIONAL_COUNT && body.nullable && !isEmptySet(body.first);
  if (innerLoopCanSplit || optionalCountIsRisky) return `nested quantifier: ${quote()} can match the same text in exponentially many ways`;
  if (body.branchesOverlap) {
    return `quantified alternation ${quote()}: branches start with the same character, so it can match the same text in exponentially many ways`;
  }
  return null;
}

/**
 * Rule C for an earlier loop and the loop a later item starts with: can they trade text? Two
 * classes trade a shared character; a group loop trades whole iterations, so the other loop
 * must be able to hold everything one iteration can contain. The gap must fit both, or each
 * split is abandoned at the next gap character and the cost stays linear (^[\w.]+\.\w+$).
 */
export function loopsCanTrade(earlier: OpenLoop, later: LoopRef): boolean {
  if (!isSubsetOf(earlier.gap, later.chars)) return false;
  if (earlier.overClass && later.overClass) return setsIntersect(earlier.chars, later.chars);
  if (earlier.overClass) return isSubsetOf(later.chars, earlier.chars);
  if (later.overClass) return isSubsetOf(earlier.chars, later.chars);
  return isSubsetOf(earlier.chars, later.chars) || isSubsetOf(later.chars, earlier.chars);
}

export function adjacentLoopsReason(source: string, earlier: LoopRef, later: LoopRef): string {
  return `adjacent overlapping quantifiers ${quotePattern(source, earlier.span.start, later.span.end)}: polynomial backtracking`;
}
