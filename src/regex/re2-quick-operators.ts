import { FAILED, MESSAGE, type ScanState, unitWidth } from './re2-quick-scan.js';

/** A counted repetition {lo}, {lo,} or {lo,hi}; hi is -1 when unbounded. */
export interface CountedRepeat {
  readonly lo: number;
  readonly hi: number;
  /** Index after the closing '}'. */
  readonly end: number;
}

/**
 * RE2's MaybeParseRepeat for the '{' at `start`: null when the brace does not open a counted
 * repetition, in which case RE2 takes it as a literal '{' ({,3}, {a}, {1,2 and {01} all are).
 */
export function readCountedRepeat(source: string, start: number): CountedRepeat | null {
  let pos = start + 1;
  const lo = readInteger(source, pos);
  if (lo === null) return null;
  pos = lo.end;
  let hi = lo.value;
  if (source[pos] === ',') {
    pos += 1;
    if (source[pos] === '}') {
      hi = -1;
    } else {
      const upper = readInteger(source, pos);
      if (upper === null) return null;
      hi = upper.value;
      pos = upper.end;
    }
  }
  if (source[pos] !== '}') return null;
  return { lo: lo.value, hi, end: pos + 1 };
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** RE2's ParseInteger: no leading zeros, and it gives up (literal brace) past 999999999. */
function readInteger(source: string, start: number): { value: number; end: number } | null {
  if (!isDigit(source[start])) return null;
  if (source[start] === '0' && isDigit(source[start + 1])) return null;
  let value = 0;
  let pos = start;
  while (isDigit(source[pos])) {
    if (value >= 100_000_000) return null;
    value = value * 10 + source.charCodeAt(pos) - 0x30;
    pos += 1;
  }
  return { value, end: pos };
}

/** What a "(?" sequence turned out to be. */
export const PERL_GROUP = { flagsOnly: 0, opensGroup: 1 } as const;

/**
 * RE2's ParsePerlFlags for the "(?" at `start` (this RE2 has no look-around and no (?<name>):
 * (?flags) or (?flags:, where flags are i m s U with at most one '-' that must be followed by
 * a flag. Returns the index after the ')' or ':' and sets state.codePoint to a PERL_GROUP
 * value. (?P<name> is left to RE2; any other (?P is an invalid perl operator "(?P".
 */
export function readPerlGroup(state: ScanState, start: number): number {
  const { source } = state;
  if (source[start + 2] === 'P') {
    if (source[start + 3] === '<') return state.defer();
    return state.fail(MESSAGE.badPerlOp, '(?P');
  }
  let pos = start + 2;
  let negated = false;
  let sawFlag = false;
  for (;;) {
    if (pos >= source.length) return state.fail(MESSAGE.badPerlOp, source.slice(start, pos));
    const code = state.codePointAt(pos);
    pos += unitWidth(code);
    const ch = source[pos - 1];
    if (ch === 'i' || ch === 'm' || ch === 's' || ch === 'U') {
      sawFlag = true;
    } else if (ch === '-' && !negated) {
      // Negating nothing is an error: (?-) and (?i-:...).
      negated = true;
      sawFlag = false;
    } else if (ch === ':' || ch === ')') {
      if (negated && !sawFlag) return state.fail(MESSAGE.badPerlOp, source.slice(start, pos));
      state.codePoint = ch === ':' ? PERL_GROUP.opensGroup : PERL_GROUP.flagsOnly;
      return pos;
    } else {
      return state.fail(MESSAGE.badPerlOp, source.slice(start, pos));
    }
  }
}
