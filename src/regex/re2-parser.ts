import { complementSet, FULL_SET, foldAsciiCase, singleChar } from './char-set.js';
import {
  type RegexNode,
  alternationNode,
  assertionNode,
  charsNode,
  emptyNode,
  repeatNode,
  sequenceNode,
} from './regex-ast.js';
import { readBracketClass } from './re2-class.js';
import { readEscape } from './re2-escapes.js';
import { readQuantifier } from './re2-quantifier.js';

interface Flags {
  readonly caseInsensitive: boolean;
  readonly dotAll: boolean;
  readonly ungreedy: boolean;
}

/** An open group: the branches closed so far and the items of the current branch. */
interface Frame {
  flags: Flags;
  readonly start: number;
  readonly branches: RegexNode[];
  items: RegexNode[];
}

export interface ParsedPattern {
  readonly root: RegexNode;
}

const NEWLINE_EXCLUDED = complementSet(singleChar(0x0a));

/**
 * Parses RE2 syntax into a RegexNode tree without recursion (the explicit frame stack copes
 * with thousands of nested groups) and without ever throwing: it is meant for patterns RE2
 * accepted, so where input is malformed it guesses and moves on rather than reporting.
 * (?m) changes only where ^ and $ match, which does not matter for backtracking structure.
 */
export function parseRe2(source: string): ParsedPattern {
  const stack: Frame[] = [{ flags: { caseInsensitive: false, dotAll: false, ungreedy: false }, start: 0, branches: [], items: [] }];
  let pos = 0;
  const top = (): Frame => stack[stack.length - 1]!;
  const push = (node: RegexNode): void => void top().items.push(node);
  const literalSet = (codePoint: number) => (top().flags.caseInsensitive ? foldAsciiCase(singleChar(codePoint)) : singleChar(codePoint));

  while (pos < source.length) {
    const ch = source[pos]!;
    const frame = top();
    if (ch === '(') {
      const group = readGroupOpening(source, pos, frame.flags);
      pos = group.end;
      if (group.opensFrame) {
        stack.push({ flags: group.flags, start: group.start, branches: [], items: [] });
      } else {
        frame.flags = group.flags;
      }
    } else if (ch === ')') {
      pos += 1;
      if (stack.length > 1) {
        stack.pop();
        top().items.push(closeFrame(frame, pos, source));
      }
    } else if (ch === '|') {
      frame.branches.push(branchNode(frame.items, pos, source));
      frame.items = [];
      pos += 1;
    } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      const quantifier = readQuantifier(source, pos);
      const target = frame.items[frame.items.length - 1];
      if (quantifier === null) {
        push(charsNode(literalSet(0x7b), { start: pos, end: pos + 1 }));
        pos += 1;
      } else {
        pos = quantifier.end;
        if (target !== undefined) {
          const greedy = quantifier.lazy === frame.flags.ungreedy;
          const span = { start: target.span.start, end: pos };
          frame.items[frame.items.length - 1] = repeatNode(target, quantifier.min, quantifier.max, greedy, span, source);
        }
      }
    } else if (ch === '.') {
      push(charsNode(frame.flags.dotAll ? FULL_SET : NEWLINE_EXCLUDED, { start: pos, end: pos + 1 }));
      pos += 1;
    } else if (ch === '^' || ch === '$') {
      push(assertionNode(ch === '^' ? 'start' : 'end', { start: pos, end: pos + 1 }));
      pos += 1;
    } else if (ch === '[') {
      const parsed = readBracketClass(source, pos, frame.flags.caseInsensitive);
      push(charsNode(parsed.set, { start: pos, end: parsed.end }));
      pos = parsed.end;
    } else if (ch === '\\' && source[pos + 1] === 'Q') {
      pos = readQuotedLiterals(source, pos, (codePoint, start, end) => push(charsNode(literalSet(codePoint), { start, end })));
    } else if (ch === '\\') {
      const escape = readEscape(source, pos, false);
      const span = { start: pos, end: escape.end };
      if (escape.kind === 'assert') push(assertionNode(escape.assertion, span));
      else push(charsNode(escape.single ? literalSet(escape.set[0]!) : escape.set, span));
      pos = escape.end;
    } else {
      const codePoint = source.codePointAt(pos)!;
      const end = pos + (codePoint > 0xffff ? 2 : 1);
      push(charsNode(literalSet(codePoint), { start: pos, end }));
      pos = end;
    }
  }
  while (stack.length > 1) {
    const unclosed = stack.pop()!;
    top().items.push(closeFrame(unclosed, source.length, source));
  }
  return { root: closeFrame(stack[0]!, source.length, source) };
}

function closeFrame(frame: Frame, end: number, source: string): RegexNode {
  const span = { start: frame.start, end };
  if (frame.branches.length === 0) return frame.items.length === 0 ? emptyNode(span) : sequenceNode(frame.items, span, source);
  return alternationNode([...frame.branches, branchNode(frame.items, end, source)], span);
}

function branchNode(items: RegexNode[], end: number, source: string): RegexNode {
  const first = items[0];
  if (first === undefined) return emptyNode({ start: end, end });
  return sequenceNode(items, { start: first.span.start, end: items[items.length - 1]!.span.end }, source);
}

/** Reads \Q...\E (or \Q to the end): every character in between is a literal. */
function readQuotedLiterals(source: string, at: number, emit: (codePoint: number, start: number, end: number) => void): number {
  const close = source.indexOf('\\E', at + 2);
  const stop = close < 0 ? source.length : close;
  let pos = at + 2;
  while (pos < stop) {
    const codePoint = source.codePointAt(pos)!;
    const end = pos + (codePoint > 0xffff ? 2 : 1);
    emit(codePoint, pos, end);
    pos = end;
  }
  return close < 0 ? source.length : close + 2;
}

interface GroupOpening {
  readonly start: number;
  readonly end: number;
  /** False for a bare flag group such as (?i), which changes the flags of the enclosing group. */
  readonly opensFrame: boolean;
  readonly flags: Flags;
}

function readGroupOpening(source: string, at: number, flags: Flags): GroupOpening {
  const open = (end: number, newFlags = flags): GroupOpening => ({ start: at, end, opensFrame: true, flags: newFlags });
  if (source[at + 1] !== '?') return open(at + 1);
  if (source.startsWith('P<', at + 2) || (source[at + 2] === '<' && source[at + 3] !== '=' && source[at + 3] !== '!')) {
    const close = source.indexOf('>', at + 2);
    return open(close < 0 ? source.length : close + 1);
  }
  let pos = at + 2;
  let enable = true;
  let next = { ...flags };
  while (pos < source.length && 'imsU-'.includes(source[pos]!)) {
    const letter = source[pos]!;
    if (letter === '-') enable = false;
    else if (letter === 'i') next = { ...next, caseInsensitive: enable };
    else if (letter === 's') next = { ...next, dotAll: enable };
    else if (letter === 'U') next = { ...next, ungreedy: enable };
    pos += 1;
  }
  if (source[pos] === ')') return { start: at, end: pos + 1, opensFrame: false, flags: next };
  if (source[pos] === ':') return open(pos + 1, next);
  return open(at + 2);
}
