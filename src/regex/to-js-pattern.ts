import type { CharSet } from './char-set.js';
import { MAX_CODE_POINT } from './char-set.js';
import type { RegexNode } from './regex-ast.js';

/**
 * Renders a parsed RE2 pattern as a JavaScript pattern (for the `u` flag) for redos-detector,
 * which cannot parse RE2-only syntax ((?P<n>, (?i), \Q..\E, [[:alpha:]], \pN, \z, \C).
 * Rendering the parsed tree rather than rewriting the text means RE2 syntax never reaches the
 * detector: every character class becomes explicit code-point ranges with (?i) already folded
 * in (so scoped flags such as (?i:...) keep their scope), and every group becomes non-capturing.
 * Recursion depth is bounded by the caller, which only renders shallow trees.
 */
export function toJsPattern(root: RegexNode): string {
  const out: string[] = [];
  const write = (text: string): void => void out.push(text);
  const emit = (node: RegexNode): void => {
    switch (node.kind) {
      case 'chars':
        return write(renderCharSet(node.set));
      case 'assert':
        return write({ start: '^', end: '$', wordBoundary: '\\b', notWordBoundary: '\\B' }[node.assertion]);
      case 'empty':
        return write('(?:)');
      case 'seq':
        for (const item of node.items) emitGrouped(item);
        return;
      case 'alt':
        node.branches.forEach((branch, index) => {
          if (index > 0) write('|');
          emit(branch);
        });
        return;
      case 'repeat':
        // Only a class may carry a quantifier bare: JavaScript rejects $? or ^* (RE2 allows them).
        if (node.body.kind === 'chars') emit(node.body);
        else emitWrapped(node.body);
        return write(renderQuantifier(node.min, node.max, node.greedy));
    }
  };
  const emitGrouped = (node: RegexNode): void => {
    if (node.kind === 'seq' || node.kind === 'alt') emitWrapped(node);
    else emit(node);
  };
  const emitWrapped = (node: RegexNode): void => {
    write('(?:');
    emit(node);
    write(')');
  };
  emit(root);
  return out.join('');
}

function renderQuantifier(min: number, max: number, greedy: boolean): string {
  let text: string;
  if (max === Infinity) text = min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  else if (min === 0 && max === 1) text = '?';
  else text = min === max ? `{${min}}` : `{${min},${max}}`;
  return greedy ? text : `${text}?`;
}

function renderCharSet(set: CharSet): string {
  if (set.length === 2 && set[0] === set[1]) return renderCodePoint(set[0]!);
  if (set.length === 2 && set[0] === 0 && set[1] === MAX_CODE_POINT) return '[^]';
  const parts: string[] = ['['];
  for (let i = 0; i + 1 < set.length; i += 2) {
    const lo = set[i]!;
    const hi = set[i + 1]!;
    parts.push(lo === hi ? renderCodePoint(lo) : `${renderCodePoint(lo)}-${renderCodePoint(hi)}`);
  }
  parts.push(']');
  return parts.join('');
}

function renderCodePoint(codePoint: number): string {
  const isAsciiAlphanumeric = (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a);
  return isAsciiAlphanumeric ? String.fromCodePoint(codePoint) : `\\u{${codePoint.toString(16)}}`;
}
