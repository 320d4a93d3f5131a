import type { CharSet } from './char-set.js';
import {
  type Summary,
  alternationSummary,
  assertionSummary,
  charsSummary,
  emptySummary,
  repeatSummary,
  sequenceSummary,
} from './regex-summary.js';

/** Half-open range of UTF-16 offsets into the original pattern, for quoting it in reasons. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type AssertionKind = 'start' | 'end' | 'wordBoundary' | 'notWordBoundary';

/**
 * A parsed RE2 pattern. Groups are not nodes of their own: a group becomes the sequence or
 * alternation it holds, with a span that includes its parentheses. Every node carries the
 * Summary the structural ReDoS rules need, computed bottom-up as the parser closes it, so no
 * analysis ever recurses over a tree that hostile input can make thousands of levels deep.
 */
export type RegexNode =
  | { readonly kind: 'chars'; readonly set: CharSet; readonly span: Span; readonly summary: Summary }
  | { readonly kind: 'assert'; readonly assertion: AssertionKind; readonly span: Span; readonly summary: Summary }
  | { readonly kind: 'empty'; readonly span: Span; readonly summary: Summary }
  | { readonly kind: 'seq'; readonly items: readonly RegexNode[]; readonly span: Span; readonly summary: Summary }
  | { readonly kind: 'alt'; readonly branches: readonly RegexNode[]; readonly span: Span; readonly summary: Summary }
  | {
      readonly kind: 'repeat';
      readonly body: RegexNode;
      readonly min: number;
      /** Infinity for *, + and {n,}. */
      readonly max: number;
      readonly greedy: boolean;
      readonly span: Span;
      readonly summary: Summary;
    };

export function charsNode(set: CharSet, span: Span): RegexNode {
  return { kind: 'chars', set, span, summary: charsSummary(set) };
}

export function assertionNode(assertion: AssertionKind, span: Span): RegexNode {
  return { kind: 'assert', assertion, span, summary: assertionSummary() };
}

export function emptyNode(span: Span): RegexNode {
  return { kind: 'empty', span, summary: emptySummary() };
}

export function sequenceNode(items: readonly RegexNode[], span: Span, source: string): RegexNode {
  return { kind: 'seq', items, span, summary: sequenceSummary(items, source) };
}

export function alternationNode(branches: readonly RegexNode[], span: Span): RegexNode {
  return { kind: 'alt', branches, span, summary: alternationSummary(branches) };
}

export function repeatNode(body: RegexNode, min: number, max: number, greedy: boolean, span: Span, source: string): RegexNode {
  return { kind: 'repeat', body, min, max, greedy, span, summary: repeatSummary(body, min, max, span, source) };
}
