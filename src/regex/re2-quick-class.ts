import { FAILED, isPerlClassLetter, MESSAGE, readEscapedChar, type ScanState, unitWidth } from './re2-quick-scan.js';

const POSIX_NAMES = ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'];
/** RE2's POSIX classes, spelled as they appear inside brackets: [:alpha:] and [:^alpha:]. */
const POSIX_CLASSES = new Set(POSIX_NAMES.flatMap((name) => [`[:${name}:]`, `[:^${name}:]`]));

/**
 * RE2's ParseCharClass for the '[' at `start`; returns the index after the closing ']'.
 * Mirrors RE2 exactly: a ']' right after '[' or '[^' is a literal; '-' is literal at either
 * end or after a class; \d \s \w and [:name:] are classes but cannot end a range; a range
 * endpoint is a character or an escape; the error fragments are RE2's own choice.
 */
export function readClass(state: ScanState, start: number): number {
  const { source } = state;
  let pos = start + 1;
  if (source[pos] === '^') pos += 1;
  let first = true;
  while (pos < source.length && (source[pos] !== ']' || first)) {
    first = false;
    if (source[pos] === '[' && source[pos + 1] === ':') {
      const end = readPosixClass(state, pos);
      if (end === FAILED) return FAILED;
      if (end > pos) {
        pos = end;
        continue;
      }
    }
    if (source[pos] === '\\' && isPerlClassLetter(source[pos + 1])) {
      pos += 2;
      continue;
    }
    pos = readRange(state, pos);
    if (pos === FAILED) return FAILED;
  }
  if (pos >= source.length) return state.fail(MESSAGE.missingBracket, source.slice(start));
  return pos + 1;
}

/** A single character or lo-hi, as RE2's ParseCCRange reads it. */
function readRange(state: ScanState, start: number): number {
  const { source } = state;
  let pos = readClassChar(state, start);
  if (pos === FAILED) return FAILED;
  const lo = state.codePoint;
  // [a-] is a and '-': a '-' followed by ']' does not make a range.
  if (pos + 1 < source.length && source[pos] === '-' && source[pos + 1] !== ']') {
    pos = readClassChar(state, pos + 1);
    if (pos === FAILED) return FAILED;
    if (state.codePoint < lo) return state.fail(MESSAGE.badCharRange, source.slice(start, pos));
  }
  return pos;
}

function readClassChar(state: ScanState, start: number): number {
  if (state.source[start] === '\\') return readEscapedChar(state, start);
  const code = state.codePointAt(start);
  state.codePoint = code;
  return start + unitWidth(code);
}

/**
 * RE2's MaybeParseCCName for the "[:" at `start`. RE2 looks for the next ":]" anywhere in the
 * rest of the pattern, even past the class: with none, "[" is an ordinary character (returns
 * `start`); otherwise everything up to it must name a POSIX class.
 */
function readPosixClass(state: ScanState, start: number): number {
  const colon = nextColonBracket(state, start + 2);
  if (colon === FAILED) return start;
  const name = state.source.slice(start, colon + 2);
  if (!POSIX_CLASSES.has(name)) return state.fail(MESSAGE.badCharRange, name);
  return colon + 2;
}

/**
 * The first ":]" at or after `from`. Searches only move forward (the scanner does), so the
 * searches for one pattern take linear time in all, however many "[:" it holds.
 */
function nextColonBracket(state: ScanState, from: number): number {
  if (state.colonBracketAt >= from) return state.colonBracketAt;
  const { source } = state;
  let pos = Math.max(from, state.colonBracketSearchFrom);
  while (pos + 1 < source.length && !(source[pos] === ':' && source[pos + 1] === ']')) pos += 1;
  state.colonBracketSearchFrom = pos;
  state.colonBracketAt = pos + 1 < source.length ? pos : FAILED;
  return state.colonBracketAt;
}
